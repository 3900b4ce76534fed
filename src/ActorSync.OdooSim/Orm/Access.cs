using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>
/// Odoo's multi-company record rules: a row of a company outside the allowed companies is invisible
/// to searches and refused to reads, writes and creates. Rows without a company are shared.
/// </summary>
internal static class Access
{
    public static bool Visible(Env env, Model model, Row row)
    {
        if (env.Su) return true;
        var companies = model.CompaniesOf(row);
        return companies.Count == 0 || companies.Any(env.Companies.Contains);
    }

    /// <summary>The rows of these ids: missing ids are dropped (read answers []), hidden ones refused.</summary>
    public static IReadOnlyList<Row> Browse(Env env, Model model, IReadOnlyList<int> ids, string operation)
    {
        var rows = ids.Distinct().Select(id => env.Get(model.Name, id)).OfType<Row>().ToList();
        var hidden = rows.FirstOrDefault(row => !Visible(env, model, row));
        return hidden is null ? rows : throw Denied(env, model, operation, hidden);
    }

    /// <summary>The recorded AccessError text; it suggests a company when the user has one that would do.</summary>
    public static OdooError Denied(Env env, Model model, string operation, Row row)
    {
        var userCompanies = env.User.Ids("company_ids");
        var reachable = model.CompaniesOf(row).Where(userCompanies.Contains).Select(c => (int?)c).FirstOrDefault();
        var context = new JsonObject();
        string hint;
        if (reachable is int company)
        {
            var name = env.DisplayName("res.company", company);
            hint = $"you might be able to access the record by switching to the company: {name}.";
            context["suggested_company"] = new JsonObject { ["id"] = company, ["display_name"] = name };
        }
        else
        {
            hint = "but you do not have access to the proper company to access the record anyhow.";
        }
        return OdooError.AccessError(
            "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n" +
            $"Sorry, {env.User.Str("name")} (id={env.Uid}) doesn't have '{operation}' access to:\n" +
            $"- {model.Description} ({model.Name})\n\n" +
            "If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.\n\n" +
            $"This seems to be a multi-company issue, {hint}",
            context);
    }
}
