using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Sinks;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Reconciliation;
using ActorSync.Host.Commands;
using ActorSync.Host.Output;

namespace ActorSync.Host.Demo;

/// <summary>What the demo did: events in, postings by company and kind, exceptions, approvals waiting, and the reconciliation.</summary>
internal sealed class DemoReport(FileImportResult imported, SinksSummary sinks, PostingLedger ledger, ReconciliationReport reconciliation, NetworkSettings network)
{
    private const int Listed = 10;

    private IEnumerable<LedgerEntry> Made => ledger.Entries.Where(e => e.Status != PostingStatus.Summarized);

    /// <summary>Every file read, the sinks idle, and the sources, ActorSync and Odoo agreeing: the demo's exit code 0.</summary>
    public bool Succeeded => imported.Unreadable.Count == 0 && sinks.Idle && reconciliation.Unexplained == 0;

    public void Write(TextWriter w)
    {
        var t = imported.Totals;
        w.WriteLine();
        w.WriteLine($"Events in: {t.Resources:N0} FHIR resources from {imported.Elapsed.TotalSeconds:F1}s of ingest");
        new TextTable("accepted", "duplicates suppressed", "out of order", "rejected", "parked", "ignored")
            .Add(t.Accepted, t.Duplicates, t.OutOfOrder, t.Rejected, t.Parked, t.Ignored).WriteTo(w);
        foreach (var problem in imported.Unreadable)
            w.WriteLine($"  unreadable: {problem}");

        w.WriteLine();
        w.WriteLine($"Postings by company and kind ({(sinks.Idle ? "the sinks are idle" : "the sinks did not finish in time")}):");
        var table = new TextTable("company", "kind", "postings", "in odoo", "awaiting approval", "parked", "pending");
        foreach (var group in Made.GroupBy(e => (Company(e), PostingKinds.Of(e.Posting))).OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal))
            table.Add(group.Key.Item1, group.Key.Item2, group.Count(), Count(group, PostingStatus.Delivered), Count(group, PostingStatus.AwaitingApproval), Count(group, PostingStatus.Parked), Count(group, PostingStatus.Pending));
        table.WriteTo(w);
        var summarized = ledger.Entries.Count(e => e.Status == PostingStatus.Summarized);
        if (summarized > 0)
            w.WriteLine($"  {summarized} invoice(s) of legal entities that post in summary were folded into the journal entries above");

        w.WriteLine();
        w.WriteLine($"Exceptions: {t.Rejected + t.Parked} input resource(s) in the exception queue (rejected or not mappable yet), {sinks.Parked} posting(s) parked");
        List(w, PostingStatus.Parked, e => $"{e.Cause}: {e.Message}");
        w.WriteLine($"Approvals waiting: {sinks.AwaitingApproval}");
        List(w, PostingStatus.AwaitingApproval, e => $"{PostingKinds.Of(e.Posting)} {Amount(e.Posting):N2} for {Company(e)}");

        w.WriteLine();
        w.WriteLine("Reconciliation (sources = what the journals called for, actorsync = what Odoo confirmed, odoo = what Odoo holds now):");
        ReconciliationOutput.Write(reconciliation, w, listed: 15);
    }

    /// <summary>The last line of <c>--json</c>.</summary>
    public string Json()
    {
        var t = imported.Totals;
        var postings = Made.GroupBy(Company).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => g.GroupBy(e => PostingKinds.Of(e.Posting)).OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Count()));
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["resources"] = t.Resources, ["accepted"] = t.Accepted, ["duplicates"] = t.Duplicates, ["outOfOrder"] = t.OutOfOrder,
            ["rejected"] = t.Rejected, ["parked"] = t.Parked, ["ignored"] = t.Ignored, ["unreadableFiles"] = imported.Unreadable.Count,
            ["postings"] = postings,
            ["postedToOdoo"] = Made.Count(e => e.Status == PostingStatus.Delivered),
            ["awaitingApproval"] = Made.Count(e => e.Status == PostingStatus.AwaitingApproval),
            ["parkedPostings"] = Made.Count(e => e.Status == PostingStatus.Parked),
            ["pendingPostings"] = Made.Count(e => e.Status == PostingStatus.Pending),
            ["sinksIdle"] = sinks.Idle,
            ["reconciliation"] = ReconciliationOutput.Summary(reconciliation),
        });
    }

    private void List(TextWriter w, PostingStatus status, Func<LedgerEntry, string> describe)
    {
        var entries = Made.Where(e => e.Status == status).OrderBy(e => e.QueuedAt).ToList();
        foreach (var entry in entries.Take(Listed))
            w.WriteLine($"  {entry.Posting.Key,-40} {describe(entry)}");
        if (entries.Count > Listed)
            w.WriteLine($"  ... and {entries.Count - Listed} more (actorsync {(status == PostingStatus.Parked ? "exceptions" : "approvals")} list)");
    }

    private string Company(LedgerEntry entry) =>
        network.LegalEntities.TryGetValue(entry.Posting.LegalEntity, out var profile) ? profile.OdooCompany : entry.Posting.LegalEntity.Value;

    private static int Count(IEnumerable<LedgerEntry> entries, PostingStatus status) => entries.Count(e => e.Status == status);

    private static decimal Amount(Posting posting) => PostingDerivation.AmountOf(posting)?.Amount ?? 0;
}
