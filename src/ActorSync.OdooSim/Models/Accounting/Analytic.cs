using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Accounting;

/// <summary>analytic_distribution: {"analytic account id[,id…]": percentage}; accounts must exist and share the line's company.</summary>
internal static class Analytic
{
    public static void CheckDistribution(Env env, Model model, Row row)
    {
        if (row["analytic_distribution"] is not JsonObject distribution) return;
        var company = row.Ref("company_id");
        var analyticModel = env.Model("account.analytic.account");
        var foreign = new List<Row>();
        foreach (var (key, percentage) in distribution)
        {
            if (!JsonNum.TryDouble(percentage, out _))
                throw OdooError.ValueError($"Wrong value for {model.Name}.analytic_distribution: {PyRepr.Of(distribution)}");
            foreach (var part in key.Split(','))
            {
                var account = int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? env.Get(analyticModel.Name, id) : null;
                if (account is null)
                    throw OdooError.MissingError($"Record does not exist or has been deleted.\n(Record: account.analytic.account({part},), User: {env.Uid})");
                if (account.Ref("company_id") is int owner && company is int mine && owner != mine) foreign.Add(account);
            }
        }
        if (foreign.Count > 0)
        {
            var field = model.Fields["analytic_distribution"]!;
            throw CompanyCheck.Inconsistent([CompanyCheck.Line(env, model, row, [company!.Value], field, analyticModel, foreign)]);
        }
    }
}
