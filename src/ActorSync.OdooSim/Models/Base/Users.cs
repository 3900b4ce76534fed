using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Base;

/// <summary>res.users: logins, their companies, and (hidden) their password and API key.</summary>
internal sealed class Users : Model
{
    public Users() : base("res.users", "User", "name, login")
    {
        Fields.Char("name", "Name", required: true);
        Fields.Char("login", "Login", required: true);
        Fields.Many2one("partner_id", "Related Partner", "res.partner");
        Fields.Many2one("company_id", "Company", "res.company", required: true).Default = env => (int?)env.CompanyId;
        Fields.Many2many("company_ids", "Companies", "res.company");
        Fields.Boolean("active", "Active").Default = _ => true;
        Fields.Char("password", "Password").Hidden = true;
        Fields.Char("api_key", "API Key").Hidden = true;
    }

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        if (values.GetValueOrDefault("company_id") is int company && !vals.ContainsKey("company_ids"))
            values["company_ids"] = new List<int> { company };
    }

    public override void Created(Env env, Row row, JsonObject vals)
    {
        if (row.Ref("partner_id") is null)
        {
            var partner = Crud.Create(env.Sudo(), "res.partner", new JsonObject { ["name"] = row.Str("name") });
            env.Tx.Set(row, "partner_id", partner.Id);
        }
    }

    public override void Check(Env env, Row row)
    {
        if (env.All(Name).Any(u => u.Id != row.Id && u.Str("login") == row.Str("login")))
            throw OdooError.ValidationError("The operation cannot be completed: You can not have two users with the same login!");
        if (row.Ref("company_id") is int company && !row.Ids("company_ids").Contains(company))
            throw OdooError.ValidationError($"Company {env.DisplayName("res.company", company)} is not in the allowed companies for user {row.Str("name")} ({env.DisplayName("res.company", company)}).");
    }
}
