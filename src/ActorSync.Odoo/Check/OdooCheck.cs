using System.Text.Json.Nodes;
using ActorSync.Domain.LegalEntities;
using ActorSync.Odoo.Lookup;
using ActorSync.Odoo.Wire;

namespace ActorSync.Odoo.Check;

/// <summary>One thing a legal entity's mapping names, and whether Odoo has it in the entity's company.</summary>
public sealed record CheckedItem(string LegalEntity, string Kind, string Name, long? OdooId)
{
    public bool Found => OdooId is not null;
}

public sealed record OdooCheckReport(string ServerVersion, string User, IReadOnlyList<OdooCompany> Companies, IReadOnlyList<CheckedItem> Items)
{
    public bool AllFound => Items.All(i => i.Found);
}

/// <summary>
/// Connects, and reports the server version, the user, the companies it can see, and whether every
/// account, journal, analytic account, product, vendor and location the mapping names exists.
/// </summary>
public static class OdooCheck
{
    /// <summary>
    /// Fields ActorSync writes that Odoo 18 introduced (a payment's <c>memo</c>, a product's
    /// <c>is_storable</c>): an older server would refuse every payment or storable product.
    /// </summary>
    public static IReadOnlyList<(string Model, string Field)> WrittenFields { get; } = [("account.payment", "memo"), ("product.product", "is_storable")];

    public static async Task<OdooCheckReport> RunAsync(OdooClient odoo, IReadOnlyList<(string Id, LegalEntityProfile Profile, OdooTarget Target)> legalEntities, CancellationToken ct,
        IReadOnlyList<(string Model, string Field)>? fields = null)
    {
        var version = await odoo.VersionAsync(ct).ConfigureAwait(false);
        var users = await odoo.SearchReadAsync("res.users", OdooDomain.Where(("login", "=", odoo.Settings.Login)), ["name"], company: null, ct, limit: 1).ConfigureAwait(false);
        var companies = await odoo.SearchReadAsync("res.company", [], ["name"], company: null, ct).ConfigureAwait(false);
        var directory = new OdooDirectory(odoo);
        // A product's is_storable comes with the Inventory app: only asked for when products are mapped.
        var mapsProducts = legalEntities.Any(e => e.Profile.Products.Count > 0);
        var written = fields ?? [.. WrittenFields.Where(f => f.Model != "product.product" || mapsProducts)];
        var items = new List<CheckedItem>(await FieldsAsync(odoo, written, ct).ConfigureAwait(false));
        foreach (var (id, profile, target) in legalEntities)
            items.AddRange(await CheckAsync(directory, id, profile, target, ct).ConfigureAwait(false));
        return new OdooCheckReport(
            (version?["server_version"] as JsonValue)?.GetValue<string>() ?? "unknown",
            users.Count > 0 ? $"{users[0]["name"]} ({odoo.Settings.Login})" : $"{odoo.Settings.Login} (not found in res.users)",
            [.. companies.Select(c => new OdooCompany(c["id"]!.GetValue<long>(), c["name"]!.GetValue<string>()))],
            items);
    }

    /// <summary>Whether the server's models have the fields (<c>fields_get</c>); found ones get id 0.</summary>
    private static async Task<IReadOnlyList<CheckedItem>> FieldsAsync(OdooClient odoo, IReadOnlyList<(string Model, string Field)> fields, CancellationToken ct)
    {
        var items = new List<CheckedItem>();
        foreach (var model in fields.GroupBy(f => f.Model))
        {
            var call = new OdooCall(model.Key, "fields_get") { SafeToRepeat = true }.With("attributes", new JsonArray("type"));
            var known = await odoo.CallAsync(call, ct).ConfigureAwait(false) as JsonObject ?? [];
            items.AddRange(model.Select(f => new CheckedItem("(server)", "field", $"{f.Model}.{f.Field}", known.ContainsKey(f.Field) ? 0 : null)));
        }
        return items;
    }

    private static async Task<IReadOnlyList<CheckedItem>> CheckAsync(OdooDirectory directory, string id, LegalEntityProfile profile, OdooTarget target, CancellationToken ct)
    {
        var company = await directory.FindCompanyAsync(target.Company, ct).ConfigureAwait(false);
        var items = new List<CheckedItem> { new(id, "company", target.Company, company?.Id) };
        if (company is null)
            return items;
        var accounts = profile.Accounts;
        foreach (var code in new[] { accounts.Receivable, accounts.Revenue, accounts.ContractualAllowance, accounts.WriteOff, accounts.InventoryConsumption }.Distinct())
            items.Add(new(id, "account", code, await directory.FindAccountAsync(company, code, ct).ConfigureAwait(false)));
        foreach (var code in new[] { accounts.SalesJournal, accounts.BankJournal, accounts.GeneralJournal }.Distinct())
            items.Add(new(id, "journal", code, await directory.FindJournalAsync(company, code, ct).ConfigureAwait(false)));
        foreach (var analytic in profile.Sites.SelectMany(s => s.Departments).Select(d => d.AnalyticAccount).Distinct())
            items.Add(new(id, "analytic account", analytic, await directory.FindAnalyticAccountAsync(company, analytic, ct).ConfigureAwait(false)));
        foreach (var product in profile.Products.Select(p => p.ErpProduct).Distinct())
            items.Add(new(id, "product", product, await directory.FindProductAsync(company, product, ct).ConfigureAwait(false)));
        foreach (var vendor in profile.Products.Select(p => p.Vendor).OfType<string>().Distinct())
            items.Add(new(id, "vendor", vendor, await directory.FindPartnerAsync(company, vendor, ct).ConfigureAwait(false)));
        if (profile.Products.Count > 0)
        {
            items.Add(new(id, "stock location", "first warehouse", await directory.FindStockLocationAsync(company, ct).ConfigureAwait(false)));
            items.Add(new(id, "consumption location", target.ConsumptionLocation, await directory.FindConsumptionLocationAsync(company, target.ConsumptionLocation, ct).ConfigureAwait(false)));
        }
        return items;
    }
}
