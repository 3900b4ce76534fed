using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;

namespace ActorSync.Domain.Reconciliation;

/// <summary>
/// Sources, ActorSync and Odoo side by side. Sources are every posting the journals called for
/// (whatever became of it), Posted those Odoo confirmed, Odoo what it holds now. Every gap is
/// named: parked, awaiting approval, in flight or discarded explain it; missing in Odoo,
/// unexpected in Odoo, amounts that differ and unbalanced entries do not.
/// </summary>
public static class Reconciler
{
    private const string NoDepartment = "-";

    public static ReconciliationReport Reconcile(
        ReconciliationScope scope, IEnumerable<LedgerEntry> ledger, IReadOnlyList<OdooHoldings> odoo,
        Func<LegalEntityId, string> receivableAccount, Func<PostingKey, string> externalIdName)
    {
        var rows = new Dictionary<(LegalEntityId, DateOnly, string, string), decimal[]>();
        var differences = new List<ReconciliationDifference>();
        var records = odoo.SelectMany(h => h.Records.Select(r => (h.LegalEntity, Record: r))).ToList();
        var byId = records.ToDictionary(r => (r.Record.Model, r.Record.Id), r => r.Record);
        var byExternalId = records.Where(r => r.Record.ExternalId is not null).GroupBy(r => r.Record.ExternalId!).ToDictionary(g => g.Key, g => g.First().Record);
        var matched = new HashSet<OdooRecord>();

        void Add(LegalEntityId legalEntity, DateOnly day, IEnumerable<AccountLine> lines, int column)
        {
            foreach (var line in lines)
            {
                var key = (legalEntity, day, line.Analytic ?? NoDepartment, line.Account);
                if (!rows.TryGetValue(key, out var sums))
                    rows[key] = sums = new decimal[3];
                sums[column] += line.Balance;
            }
        }

        var entries = ledger.ToList();
        var byKey = entries.ToDictionary(e => e.Posting.Key);
        foreach (var entry in entries)
        {
            var posting = entry.Posting;
            var expected = ExpectedLines.Of(posting, receivableAccount(posting.LegalEntity));
            if (expected.Count == 0 || ExpectedLines.DateOf(posting) is not { } day || !scope.Covers(posting.LegalEntity, day))
                continue;
            var amount = expected.Where(l => l.Balance > 0).Sum(l => l.Balance);
            void Note(DifferenceKind kind, string why) => differences.Add(new ReconciliationDifference(posting.LegalEntity, day, kind, posting.Key.Value, amount, why));
            if (entry.Status != PostingStatus.Summarized)
                Add(posting.LegalEntity, day, expected, 0);
            var found = (entry.OdooModel is { } model && entry.OdooId is { } id ? byId.GetValueOrDefault((model, id)) : null)
                ?? byExternalId.GetValueOrDefault(externalIdName(posting.Key));
            if (found is not null && matched.Add(found))
                Add(posting.LegalEntity, found.Date, found.Lines, 2);
            switch (entry.Status)
            {
                case PostingStatus.Delivered:
                    Add(posting.LegalEntity, day, expected, 1);
                    if (found is null)
                        Note(DifferenceKind.MissingInOdoo, $"Odoo confirmed {entry.OdooModel} {entry.OdooId} on {entry.DeliveredAt:yyyy-MM-dd HH:mm:ss} but no longer holds it");
                    else if (Disagreement(expected, found) is { } disagreement)
                        Note(DifferenceKind.AmountDiffers, $"{found.Model} {found.Id}: {disagreement}");
                    break;
                case PostingStatus.Pending when found is null && Blocker(entry, byKey) is { } blocker:
                    Note(blocker.Status == PostingStatus.Parked ? DifferenceKind.Parked : DifferenceKind.AwaitingApproval,
                        $"waits for {blocker.Posting.Key} ({(blocker.Status == PostingStatus.Parked ? "parked" : "awaiting approval")})");
                    break;
                case PostingStatus.Pending:
                    Note(DifferenceKind.InFlight, found is null ? "queued, not yet sent to Odoo" : $"Odoo holds it ({found.Model} {found.Id}); the sink has not confirmed it yet");
                    break;
                case PostingStatus.AwaitingApproval:
                    Note(DifferenceKind.AwaitingApproval, "staged for a finance approver");
                    break;
                case PostingStatus.Parked:
                    Note(DifferenceKind.Parked, $"{entry.Cause}: {entry.Message}");
                    break;
                case PostingStatus.Discarded:
                    Note(DifferenceKind.Discarded, entry.Message ?? "discarded");
                    break;
            }
        }

        var checkedEntries = 0;
        var balanced = 0;
        foreach (var (legalEntity, record) in records.Where(r => scope.Covers(r.LegalEntity, r.Record.Date)))
        {
            if (!matched.Contains(record))
            {
                Add(legalEntity, record.Date, record.Lines, 2);
                differences.Add(new ReconciliationDifference(legalEntity, record.Date, DifferenceKind.UnexpectedInOdoo, $"{record.Model} {record.Id}",
                    record.Debits, $"external id {record.ExternalId ?? "(none)"} matches no posting ActorSync queued"));
            }
            if (record.Model != "account.move")
                continue;
            checkedEntries++;
            if (record.Debits == record.Credits)
                balanced++;
            else
                differences.Add(new ReconciliationDifference(legalEntity, record.Date, DifferenceKind.Unbalanced, $"{record.Model} {record.Id}",
                    record.Debits - record.Credits, $"debits {record.Debits:N2} and credits {record.Credits:N2} differ"));
        }

        var table = rows.Select(r => new ReconciliationRow(r.Key.Item1, r.Key.Item2, r.Key.Item3, r.Key.Item4, r.Value[0], r.Value[1], r.Value[2]))
            .OrderBy(r => r.LegalEntity.Value, StringComparer.Ordinal).ThenBy(r => r.Day).ThenBy(r => r.Department, StringComparer.Ordinal).ThenBy(r => r.Account, StringComparer.Ordinal)
            .ToList();
        var ordered = differences.OrderBy(d => d.Unexplained ? 0 : 1).ThenBy(d => d.LegalEntity.Value, StringComparer.Ordinal).ThenBy(d => d.Day).ThenBy(d => d.Subject, StringComparer.Ordinal).ToList();
        return new ReconciliationReport(scope, table, ordered, checkedEntries, balanced);
    }

    /// <summary>The staged or parked posting a pending one waits for: its dependency, the summary that stands for it, or what that waits for.</summary>
    private static LedgerEntry? Blocker(LedgerEntry entry, Dictionary<PostingKey, LedgerEntry> byKey)
    {
        for (var depth = 0; depth < 8 && PostingDerivation.DependencyOf(entry.Posting) is { } dependency && byKey.TryGetValue(dependency, out var next); depth++)
        {
            if (next is { Status: PostingStatus.Summarized, SummarizedInto: { } summary } && byKey.TryGetValue(summary, out var summarizing))
                next = summarizing;
            if (next.Status is PostingStatus.AwaitingApproval or PostingStatus.Parked)
                return next;
            entry = next;
        }
        return null;
    }

    /// <summary>Where a record's lines part from the posting's, per account and department; null when they agree.</summary>
    private static string? Disagreement(IReadOnlyList<AccountLine> expected, OdooRecord found)
    {
        static Dictionary<(string, string?), decimal> Sums(IEnumerable<AccountLine> lines) =>
            lines.GroupBy(l => (l.Account, l.Analytic)).ToDictionary(g => g.Key, g => g.Sum(l => l.Balance));
        var want = Sums(expected);
        var have = Sums(found.Lines);
        var parts = want.Keys.Union(have.Keys)
            .Where(k => want.GetValueOrDefault(k) != have.GetValueOrDefault(k))
            .Select(k => $"{k.Item1}{(k.Item2 is null ? "" : " / " + k.Item2)} {want.GetValueOrDefault(k):N2} posted, {have.GetValueOrDefault(k):N2} in Odoo")
            .ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
