using System.Globalization;
using System.Text.Json;
using ActorSync.Domain.Reconciliation;

namespace ActorSync.Host.Output;

/// <summary>A reconciliation as people read it (a table per row and the differences, explained) and as scripts read it.</summary>
internal static class ReconciliationOutput
{
    /// <summary>The table, then the differences (unexplained first), at most <paramref name="listed"/> of them.</summary>
    public static void Write(ReconciliationReport report, TextWriter writer, int listed = int.MaxValue)
    {
        var table = new TextTable("legal entity", "day", "department", "account", "sources", "actorsync", "odoo", "");
        foreach (var row in report.Rows)
            table.Add(row.LegalEntity, Day(row.Day), row.Department, row.Account, Amount(row.Sources), Amount(row.Posted), Amount(row.Odoo), row.Matches ? "ok" : "differs");
        table.WriteTo(writer);
        writer.WriteLine($"  (debit positive, credit negative; {report.EntriesBalanced} of {report.EntriesChecked} journal entries in Odoo balance)");
        if (report.Differences.Count == 0)
        {
            writer.WriteLine("  no differences: the sources, ActorSync and Odoo agree");
            return;
        }
        var explained = report.Differences.Where(d => !d.Unexplained).GroupBy(d => d.Kind).Select(g => $"{g.Count()} {Kind(g.Key)}");
        writer.WriteLine($"  {report.Unexplained} unexplained difference(s); explained: {string.Join(", ", explained.DefaultIfEmpty("none"))}");
        var differences = new TextTable("kind", "legal entity", "day", "posting / record", "amount", "why");
        foreach (var d in report.Differences.Take(listed))
            differences.Add(Kind(d.Kind), d.LegalEntity, Day(d.Day), d.Subject, Amount(d.Amount), d.Explanation);
        differences.WriteTo(writer);
        if (report.Differences.Count > listed)
            writer.WriteLine($"  ... and {report.Differences.Count - listed} more (actorsync reconcile lists them all)");
    }

    /// <summary>The counts scripts check: <c>differences</c> is the unexplained ones.</summary>
    public static Dictionary<string, object> Summary(ReconciliationReport report) => new()
    {
        ["rows"] = report.Rows.Count,
        ["differences"] = report.Unexplained,
        ["missingInOdoo"] = report.Count(DifferenceKind.MissingInOdoo),
        ["unexpectedInOdoo"] = report.Count(DifferenceKind.UnexpectedInOdoo),
        ["amountsDiffer"] = report.Count(DifferenceKind.AmountDiffers),
        ["unbalanced"] = report.Count(DifferenceKind.Unbalanced),
        ["parked"] = report.Count(DifferenceKind.Parked),
        ["awaitingApproval"] = report.Count(DifferenceKind.AwaitingApproval),
        ["inFlight"] = report.Count(DifferenceKind.InFlight),
        ["discarded"] = report.Count(DifferenceKind.Discarded),
        ["entriesChecked"] = report.EntriesChecked,
        ["entriesBalanced"] = report.EntriesBalanced,
    };

    /// <summary>A report as the management API sends it.</summary>
    public static ReconciliationReport Read(JsonElement body) =>
        body.Deserialize<ReconciliationReport>(Actors.Serialization.ActorSyncSerializer.Options) ?? throw new JsonException("the node sent no reconciliation");

    public static string Kind(DifferenceKind kind) => kind switch
    {
        DifferenceKind.AwaitingApproval => "awaiting approval",
        DifferenceKind.InFlight => "in flight",
        DifferenceKind.MissingInOdoo => "MISSING IN ODOO",
        DifferenceKind.UnexpectedInOdoo => "UNEXPECTED IN ODOO",
        DifferenceKind.AmountDiffers => "AMOUNT DIFFERS",
        DifferenceKind.Unbalanced => "UNBALANCED",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
}
