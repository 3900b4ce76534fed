using System.Text.Json.Nodes;
using ActorSync.OdooSim.Models.Stock;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Base;

/// <summary>res.company: one per legal entity. A new company gets its partner and its virtual stock locations.</summary>
internal sealed class Companies : Model
{
    public Companies() : base("res.company", "Companies", "sequence, name")
    {
        Fields.Char("name", "Company Name", required: true);
        Fields.Many2one("currency_id", "Currency", "res.currency", required: true).Default = env => Currencies.Find(env, "USD");
        Fields.Many2one("partner_id", "Partner", "res.partner");
        Fields.Many2one("country_id", "Country", "res.country").Default = env => env.All("res.country").FirstOrDefault(c => c.Str("code") == "US")?.Id;
        Fields.Char("chart_template", "Chart Template");
        Fields.Integer("sequence", "Sequence").Default = _ => 10L;
        Fields.Many2many("user_ids", "Accepted Users", "res.users");
    }

    public override void Created(Env env, Row row, JsonObject vals)
    {
        var partner = Crud.Create(env.Sudo(), "res.partner", new JsonObject { ["name"] = row.Str("name"), ["is_company"] = true });
        env.Tx.Set(row, "partner_id", partner.Id);
        // Odoo lets the user who creates a company (and the administrator) work in it.
        foreach (var user in new[] { env.User, env.Get("res.users", OdooServer.AdminUid) }.OfType<Row>().Distinct())
            env.Tx.Set(user, "company_ids", user.Ids("company_ids").Append(row.Id).Distinct().ToList());
        StockSetup.CompanyLocations(env, row.Id);
    }

    public override void Written(Env env, IReadOnlyList<Row> rows, JsonObject vals)
    {
        if (!vals.ContainsKey("name")) return;
        foreach (var row in rows)
            if (env.Get("res.partner", row.Ref("partner_id")) is { } partner)
                env.Tx.Set(partner, "name", row.Str("name"));
    }
}

internal sealed class Currencies : Model
{
    public Currencies() : base("res.currency", "Currency", "active desc, name")
    {
        Fields.Char("name", "Currency", required: true);
        Fields.Char("symbol", "Symbol");
        Fields.Boolean("active", "Active").Default = _ => true;
    }

    public static int? Find(Env env, string code) => env.All("res.currency").FirstOrDefault(c => c.Str("name") == code)?.Id;
}

internal sealed class Countries : Model
{
    public Countries() : base("res.country", "Country", "name")
    {
        Fields.Char("name", "Country Name", required: true);
        Fields.Char("code", "Country Code");
    }
}

/// <summary>uom.uom: units of measure (Odoo 19 has no categories any more).</summary>
internal sealed class Uoms : Model
{
    public Uoms() : base("uom.uom", "Product Unit of Measure", "sequence, id")
    {
        Fields.Char("name", "Unit Name", required: true);
        Fields.Float("relative_factor", "Contains").Default = _ => 1.0;
        Fields.Integer("sequence", "Sequence");
        Fields.Boolean("active", "Active").Default = _ => true;
    }

    public static int Units(Env env) => env.All("uom.uom").First(u => u.Str("name") == "Units").Id;
}
