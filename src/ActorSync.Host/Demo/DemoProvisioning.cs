using System.Text.Json.Nodes;
using ActorSync.Actors.Configuration;
using ActorSync.Domain.LegalEntities;
using ActorSync.Odoo;
using ActorSync.Odoo.Lookup;
using ActorSync.Odoo.Postings;

namespace ActorSync.Host.Demo;

/// <summary>
/// What the sample network needs in a real Odoo, found or made by external id (<c>actorsync.demo_*</c>)
/// so the demo can run twice against one database: a company per legal entity (with Odoo's generic
/// chart loaded, and the accounts and journals the mapping names), a warehouse, the consumption
/// location, and the vendors. Analytic accounts and products come with the postings' master data.
/// </summary>
internal sealed class DemoProvisioning(OdooClient odoo, string consumptionLocation)
{
    private readonly OdooDirectory _directory = new(odoo);
    private readonly List<string> _made = [];

    /// <summary>What was created (empty on a second run).</summary>
    public IReadOnlyList<string> Made => _made;

    public async Task EnsureAsync(NetworkSettings network, CancellationToken ct)
    {
        foreach (var (id, profile) in network.LegalEntities.OrderBy(e => e.Key.Value, StringComparer.Ordinal))
        {
            var company = await CompanyAsync(id.Value, profile, ct);
            await AccountsAsync(company, profile.Accounts, ct);
            await JournalsAsync(company, profile.Accounts, ct);
            if ((await odoo.SearchReadAsync("stock.warehouse", OdooDomain.Where(("company_id", "=", company.Id)), ["id"], company.Id, ct, limit: 1)).Count == 0)
                await MakeAsync("stock.warehouse", new JsonObject { ["name"] = profile.OdooCompany, ["code"] = $"W{company.Id}", ["company_id"] = company.Id }, company.Id, $"warehouse of {profile.OdooCompany}", ct);
            if (await _directory.FindConsumptionLocationAsync(company, consumptionLocation, ct) is null)
                await MakeAsync("stock.location", new JsonObject { ["name"] = consumptionLocation, ["usage"] = "inventory", ["company_id"] = company.Id }, company.Id, $"{consumptionLocation} location of {profile.OdooCompany}", ct);
            foreach (var vendor in profile.Products.Select(p => p.Vendor).OfType<string>().Distinct())
                if (await _directory.FindPartnerAsync(company, vendor, ct) is null)
                    await MakeAsync("res.partner", new JsonObject { ["name"] = vendor, ["is_company"] = true }, null, $"vendor {vendor}", ct);
        }
    }

    /// <summary>The legal entity's company: by the demo's external id, else by name, else made (with the generic chart).</summary>
    private async Task<OdooCompany> CompanyAsync(string legalEntity, LegalEntityProfile profile, CancellationToken ct)
    {
        var name = $"demo_company_{ExternalIds.NameOf(new Domain.Postings.PostingKey(legalEntity))}";
        var known = await odoo.SearchReadAsync("ir.model.data", OdooDomain.Where(("module", "=", ExternalIds.Module), ("name", "=", name)), ["res_id"], null, ct);
        if (known.Count > 0)
            return new OdooCompany(known[0]["res_id"]!.GetValue<long>(), profile.OdooCompany);
        var company = await _directory.FindCompanyAsync(profile.OdooCompany, ct);
        if (company is null)
        {
            var currency = await odoo.SearchReadAsync("res.currency", OdooDomain.Where(("name", "=", profile.Currency.Code)), ["id"], null, ct, limit: 1);
            var vals = new JsonObject { ["name"] = profile.OdooCompany };
            if (currency.Count > 0)
                vals["currency_id"] = currency[0]["id"]!.GetValue<long>();
            company = new OdooCompany(await MakeAsync("res.company", vals, null, $"company {profile.OdooCompany}", ct), profile.OdooCompany);
            await odoo.CallAsync(new Odoo.Wire.OdooCall("account.chart.template", "try_loading") { Context = OdooOrm.CompanyContext(company.Id) }
                .With("template_code", "generic_coa").With("company", company.Id), ct);
            _made.Add($"generic chart of accounts in {profile.OdooCompany}");
        }
        await odoo.CreateAsync("ir.model.data", [new JsonObject { ["module"] = ExternalIds.Module, ["name"] = name, ["model"] = "res.company", ["res_id"] = company.Id }], null, ct);
        return company;
    }

    private async Task AccountsAsync(OdooCompany company, AccountMapping accounts, CancellationToken ct)
    {
        (string Code, string Type)[] wanted =
        [
            (accounts.Receivable, "asset_receivable"), (accounts.Revenue, "income"), (accounts.ContractualAllowance, "income"),
            (accounts.WriteOff, "expense"), (accounts.InventoryConsumption, "expense"),
        ];
        foreach (var (code, type) in wanted.DistinctBy(a => a.Code))
            if (await _directory.FindAccountAsync(company, code, ct) is null)
                await MakeAsync("account.account", new JsonObject { ["code"] = code, ["name"] = $"ActorSync {code}", ["account_type"] = type, ["company_ids"] = new JsonArray(company.Id) }, company.Id, $"account {code} in {company.Name}", ct);
    }

    private async Task JournalsAsync(OdooCompany company, AccountMapping accounts, CancellationToken ct)
    {
        foreach (var (code, type) in new[] { (accounts.SalesJournal, "sale"), (accounts.BankJournal, "bank"), (accounts.GeneralJournal, "general") }.DistinctBy(j => j.Item1))
            if (await _directory.FindJournalAsync(company, code, ct) is null)
                await MakeAsync("account.journal", new JsonObject { ["code"] = code, ["name"] = $"ActorSync {code}", ["type"] = type, ["company_id"] = company.Id }, company.Id, $"journal {code} in {company.Name}", ct);
    }

    private async Task<long> MakeAsync(string model, JsonObject vals, long? company, string what, CancellationToken ct)
    {
        var id = (await odoo.CreateAsync(model, [vals], company, ct))[0];
        _made.Add(what);
        return id;
    }
}
