using System.Globalization;
using System.Text;
using ActorSync.Domain.Reconciliation;

namespace ActorSync.Domain.Reporting;

/// <summary>
/// A reconciliation as files finance opens in a spreadsheet or loads into a warehouse: one CSV of
/// rows (sources, ActorSync and Odoo per legal entity, day, department and account) and one of
/// the differences, explained. RFC 4180: comma-separated, quoted where needed, invariant numbers.
/// </summary>
public static class ReconciliationCsv
{
    public static string Rows(ReconciliationReport report)
    {
        var csv = new StringBuilder();
        Line(csv, "legal_entity", "day", "department", "account", "sources", "actorsync", "odoo", "matches");
        foreach (var r in report.Rows)
            Line(csv, r.LegalEntity.Value, Day(r.Day), r.Department, r.Account, Amount(r.Sources), Amount(r.Posted), Amount(r.Odoo), r.Matches ? "yes" : "no");
        return csv.ToString();
    }

    public static string Differences(ReconciliationReport report)
    {
        var csv = new StringBuilder();
        Line(csv, "kind", "unexplained", "legal_entity", "day", "subject", "amount", "explanation");
        foreach (var d in report.Differences)
            Line(csv, d.Kind.ToString(), d.Unexplained ? "yes" : "no", d.LegalEntity.Value, Day(d.Day), d.Subject, Amount(d.Amount), d.Explanation);
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, params string[] cells) =>
        csv.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
