using System.Text.Json.Nodes;
using ActorSync.OdooSim.Models.Accounting;
using ActorSync.OdooSim.Models.Base;
using ActorSync.OdooSim.Models.Stock;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models;

/// <summary>
/// The database as a fresh Odoo with account, stock and purchase leaves it, plus the options' master
/// data: ids follow Odoo's where they are well known (partner 1 = main company, uid 2 = admin).
/// </summary>
internal static class Seeder
{
    public static void Seed(Registry registry, Database db, Transaction tx, SimulatorOptions options, DateTime now)
    {
        // OdooBot (uid 1) runs the setup, like Odoo's superuser.
        var root = tx.Insert("res.users", new Dictionary<string, object?> { ["name"] = "OdooBot", ["login"] = "__system__", ["active"] = false });
        var env = new Env(registry, db, tx, root, [1], [], now, su: true);

        Create(env, "res.currency", new() { ["name"] = "USD", ["symbol"] = "$" });
        Create(env, "res.currency", new() { ["name"] = "EUR", ["symbol"] = "€" });
        foreach (var (code, name) in new[] { ("US", "United States"), ("CA", "Canada"), ("DE", "Germany"), ("FR", "France"), ("GB", "United Kingdom") })
            Create(env, "res.country", new() { ["name"] = name, ["code"] = code });
        Create(env, "uom.uom", new() { ["name"] = "Units", ["sequence"] = 1 });
        Create(env, "uom.uom", new() { ["name"] = "Dozens", ["relative_factor"] = 12.0, ["sequence"] = 2 });
        StockSetup.SharedLocations(env);
        var plan = Create(env, "account.analytic.plan", new() { ["name"] = "Projects" });

        var companies = new Dictionary<string, int>();
        foreach (var (company, index) in options.Companies.Select((c, i) => (c, i)))
        {
            var currency = Currencies.Find(env, company.Currency) ?? Create(env, "res.currency", new() { ["name"] = company.Currency });
            var id = Create(env, "res.company", new() { ["name"] = company.Name, ["currency_id"] = currency });
            companies[company.Name] = id;
            var companyEnv = env.WithCompany(id);
            ChartTemplate.Load(companyEnv, id);
            Create(companyEnv, "stock.warehouse", new() { ["name"] = company.Name, ["code"] = index == 0 ? "WH" : $"WH{index + 1}", ["company_id"] = id });
        }
        var all = companies.Values.ToList();
        tx.Set(root, "company_id", all[0]);
        tx.Set(root, "company_ids", all);

        foreach (var user in options.Users)
        {
            var allowed = user.Companies?.Select(name => companies.TryGetValue(name, out var c) ? c : throw new ArgumentException($"User {user.Login}: unknown company {name}")).ToList() ?? all;
            var id = Create(env, "res.users", new()
            {
                ["name"] = user.Name ?? user.Login,
                ["login"] = user.Login,
                ["company_id"] = allowed[0],
                ["company_ids"] = new JsonArray(new JsonArray(6, 0, new JsonArray([.. allowed.Select(c => (JsonNode)c)]))),
            });
            tx.Set(db.Table("res.users").Get(id)!, "password", user.Password);
            tx.Set(db.Table("res.users").Get(id)!, "api_key", user.ApiKey);
        }

        foreach (var partner in options.Partners)
            Create(env, "res.partner", new() { ["name"] = partner.Name, ["is_company"] = partner.IsCompany });
        foreach (var product in options.Products)
        {
            Create(env.WithAllCompanies(all), "product.product", new()
            {
                ["name"] = product.Name, ["default_code"] = product.DefaultCode, ["type"] = "consu", ["is_storable"] = true,
            });
        }
        foreach (var account in options.AnalyticAccounts)
        {
            var company = companies.TryGetValue(account.Company, out var c) ? c : throw new ArgumentException($"Analytic account {account.Name}: unknown company {account.Company}");
            var vals = new JsonObject { ["name"] = account.Name, ["plan_id"] = plan, ["company_id"] = company };
            if (account.Code is not null) vals["code"] = account.Code;
            Crud.Create(env, "account.analytic.account", vals);
        }

        ExternalIds.Register(env, "base.main_company", "res.company", all[0], noupdate: true);
        ExternalIds.Register(env, "base.main_partner", "res.partner", db.Table("res.company").Get(all[0])!.Ref("partner_id")!.Value, noupdate: true);
        ExternalIds.Register(env, "base.user_root", "res.users", root.Id, noupdate: true);
        ExternalIds.Register(env, "base.user_admin", "res.users", OdooServer.AdminUid, noupdate: true);
        ExternalIds.Register(env, "base.USD", "res.currency", Currencies.Find(env, "USD")!.Value, noupdate: true);
        ExternalIds.Register(env, "base.EUR", "res.currency", Currencies.Find(env, "EUR")!.Value, noupdate: true);
        ExternalIds.Register(env, "uom.product_uom_unit", "uom.uom", Uoms.Units(env), noupdate: true);
    }

    private static int Create(Env env, string model, JsonObject vals) => Crud.Create(env, model, vals).Id;
}
