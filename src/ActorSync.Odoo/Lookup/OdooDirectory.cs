using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ActorSync.Odoo.Errors;

namespace ActorSync.Odoo.Lookup;

/// <summary>
/// Finds the Odoo records a mapping names by code or name (accounts, journals, analytic accounts,
/// products, partners, stock locations), inside one company. Found ids are cached; missing ones
/// are asked again next time, so fixing the mapping in Odoo needs no restart.
/// </summary>
public sealed class OdooDirectory(OdooClient odoo)
{
    private readonly ConcurrentDictionary<string, long> _found = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OdooCompany> _companies = new(StringComparer.Ordinal);

    public OdooClient Odoo => odoo;

    public async Task<OdooCompany?> FindCompanyAsync(string name, CancellationToken ct)
    {
        if (_companies.TryGetValue(name, out var known))
            return known;
        var rows = await odoo.SearchReadAsync("res.company", OdooDomain.Where(("name", "=", name)), ["name"], company: null, ct, limit: 1).ConfigureAwait(false);
        if (rows.Count == 0)
            return null;
        return _companies[name] = new OdooCompany(rows[0]["id"]!.GetValue<long>(), name);
    }

    public async Task<OdooCompany> CompanyAsync(string name, CancellationToken ct) =>
        await FindCompanyAsync(name, ct).ConfigureAwait(false) ?? throw Missing("company", name, "this Odoo database");

    public Task<long?> FindAccountAsync(OdooCompany company, string code, CancellationToken ct) =>
        FindAsync("account.account", OdooDomain.Where(("code", "=", code)), company, code, ct);

    public Task<long?> FindJournalAsync(OdooCompany company, string code, CancellationToken ct) =>
        FindAsync("account.journal", OdooDomain.Where(("code", "=", code), ("company_id", "=", company.Id)), company, code, ct);

    public Task<long?> FindAnalyticAccountAsync(OdooCompany company, string name, CancellationToken ct) =>
        FindAsync("account.analytic.account", OdooDomain.Where(("name", "=", name)), company, name, ct);

    public Task<long?> FindSalesTaxAsync(OdooCompany company, string name, CancellationToken ct) =>
        FindAsync("account.tax", OdooDomain.Where(("name", "=", name), ("type_tax_use", "=", "sale"), ("company_id", "=", company.Id)), company, "sale|" + name, ct);

    public Task<long?> FindProductAsync(OdooCompany company, string defaultCode, CancellationToken ct) =>
        FindAsync("product.product", OdooDomain.Where(("default_code", "=", defaultCode)), company, defaultCode, ct);

    public Task<long?> FindPartnerAsync(OdooCompany company, string name, CancellationToken ct) =>
        FindAsync("res.partner", OdooDomain.Where(("name", "=", name)), company, name, ct);

    public Task<long?> FindConsumptionLocationAsync(OdooCompany company, string name, CancellationToken ct) =>
        FindAsync("stock.location", OdooDomain.Where(("name", "=", name), ("usage", "=", "inventory")), company, name, ct);

    public Task<long?> FindOutgoingPickingTypeAsync(OdooCompany company, CancellationToken ct) =>
        FindAsync("stock.picking.type", OdooDomain.Where(("code", "=", "outgoing"), ("company_id", "=", company.Id)), company, "outgoing", ct);

    /// <summary>The stock location of the company's (first) warehouse.</summary>
    public async Task<long?> FindStockLocationAsync(OdooCompany company, CancellationToken ct)
    {
        var key = $"stock.warehouse|{company.Id}|lot_stock_id";
        if (_found.TryGetValue(key, out var known))
            return known;
        var rows = await odoo.SearchReadAsync("stock.warehouse", OdooDomain.Where(("company_id", "=", company.Id)), ["lot_stock_id"], company.Id, ct, limit: 1).ConfigureAwait(false);
        if (rows.Count == 0 || rows[0]["lot_stock_id"] is not JsonArray { Count: > 0 } location)
            return null;
        return _found[key] = location[0]!.GetValue<long>();
    }

    public async Task<long?> FindAnalyticPlanAsync(OdooCompany company, CancellationToken ct)
    {
        var rows = await odoo.SearchReadAsync("account.analytic.plan", [], ["name"], company.Id, ct, limit: 1).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0]["id"]!.GetValue<long>();
    }

    /// <summary>The id, or a permanent failure naming what is missing and where.</summary>
    public static async Task<long> Require(Task<long?> lookup, string what, string name, OdooCompany company) =>
        await lookup.ConfigureAwait(false) ?? throw Missing(what, name, $"company '{company.Name}'");

    private async Task<long?> FindAsync(string model, JsonArray domain, OdooCompany company, string name, CancellationToken ct)
    {
        var key = $"{model}|{company.Id}|{name}";
        if (_found.TryGetValue(key, out var known))
            return known;
        var rows = await odoo.SearchReadAsync(model, domain, ["id"], company.Id, ct, limit: 1).ConfigureAwait(false);
        if (rows.Count == 0)
            return null;
        return _found[key] = rows[0]["id"]!.GetValue<long>();
    }

    /// <summary>
    /// Forgets what was found for <paramref name="name"/> of <paramref name="model"/> in any company:
    /// the record was made (again) under that name, so an id found before may name a deleted one.
    /// </summary>
    public void Forget(string model, string name)
    {
        foreach (var key in _found.Keys.Where(k => k.StartsWith(model + "|", StringComparison.Ordinal) && k.EndsWith("|" + name, StringComparison.Ordinal)))
            _found.TryRemove(key, out _);
    }

    private static OdooException Missing(string what, string name, string where) =>
        new("actorsync.mapping-missing", $"The {what} '{name}' does not exist in {where}.", null, OdooErrorClass.Permanent);
}
