using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>
/// Odoo's _check_company: a record may only point (through fields marked check_company) at records
/// of its own company or shared ones. The wording is the recorded one, typographic quotes included.
/// </summary>
internal static class CompanyCheck
{
    public static void Verify(Env env, Model model, Row row)
    {
        var companies = model.CompaniesOf(row);
        if (companies.Count == 0 || model.Name == "res.company") return;
        var lines = new List<string>();
        foreach (var field in model.Fields.Where(f => f.CheckCompany && f.Stored))
        {
            var targets = field.Type == FieldType.Many2one
                ? row.Ref(field.Name) is int id ? [id] : []
                : row.Ids(field.Name);
            var comodel = env.Model(field.Comodel!);
            var foreign = targets.Select(id => env.Get(comodel.Name, id)).OfType<Row>()
                .Where(target => comodel.CompaniesOf(target) is { Count: > 0 } owners && !owners.Any(companies.Contains))
                .ToList();
            if (foreign.Count > 0) lines.Add(Line(env, model, row, companies, field, comodel, foreign));
        }
        if (lines.Count > 0) throw Inconsistent(lines);
    }

    public static string Line(Env env, Model model, Row row, IEnumerable<int> companies, FieldDef field, Model comodel, IEnumerable<Row> foreign) =>
        $"- \u201c{model.DisplayName(env, row)}\u201d belongs to company \u201c{string.Join(", ", companies.Select(c => env.DisplayName("res.company", c)))}\u201d " +
        $"while \u201c{field.Label}\u201d ({field.Name}: {string.Join(", ", foreign.Select(f => PyRepr.Str(comodel.DisplayName(env, f))))}) belongs to another company.";

    public static OdooError Inconsistent(IEnumerable<string> lines) => OdooError.UserError(
        "Uh-oh! You\u2019ve got some company inconsistencies here:\n" + string.Join("\n", lines.Take(5)) +
        "\nTo avoid a mess, no company crossover is allowed!");
}
