using ActorSync.Domain.Common;
using ActorSync.Domain.LegalEntities;
using ActorSync.Domain.Postings;

namespace ActorSync.Domain.Sinks;

/// <summary>
/// The pure rules of a sink's outbox: how events change it, which postings may go next, and what
/// operators may do. No clock inside: times come in the events.
/// </summary>
public static class SinkOutbox
{
    /// <summary>
    /// The cause of a posting an approver rejected. Retrying it puts it before an approver again,
    /// never straight to Odoo: only an approver undoes an approver's decision.
    /// </summary>
    public const string RejectedCause = "rejected";

    public static SinkState Apply(SinkState state, ISinkEvent e) => e switch
    {
        PostingsQueued queued => state with
        {
            Offset = Math.Max(state.Offset, queued.Offset),
            MasterData = state.MasterDataQueued.Union(queued.Postings.Where(p => IsMasterData(p.Posting)).Select(p => p.Posting.Key)),
            Outbox = state.Outbox.AddRange(queued.Postings
                .Where(p => state.Find(p.Posting.Key) is null)
                .DistinctBy(p => p.Posting.Key)
                .Select(p => new OutboxEntry(p.Posting, p.NeedsApproval ? OutboxStatus.AwaitingApproval : OutboxStatus.Pending, queued.At))),
        },
        PostingsSummarized summarized => Summarized(state, summarized),
        PostingsDelivered delivered => Remove(state, delivered.Postings.Select(p => p.Key)) with { Delivered = state.Delivered + delivered.Postings.Count(p => state.Find(p.Key) is not null) },
        PostingParked parked => Change(state, parked.Key, entry => entry with { Status = OutboxStatus.Parked, Cause = parked.Cause, Message = parked.Message }),
        PostingApproved approved => Change(state, approved.Key, entry => entry with { Status = OutboxStatus.Pending, ApprovedBy = approved.By }),
        PostingRejected rejected => Change(state, rejected.Key, entry => entry with { Status = OutboxStatus.Parked, Cause = RejectedCause, Message = $"rejected by {rejected.By}: {rejected.Reason}" }),
        PostingRetried retried => Change(state, retried.Key, entry => entry with { Status = entry.Cause == RejectedCause ? OutboxStatus.AwaitingApproval : OutboxStatus.Pending, Cause = null, Message = null }),
        PostingDiscarded discarded => Remove(state, [discarded.Key]) with { Discarded = state.Discarded + 1 },
        PostingsReposted reposted => Reposted(state, reposted),
        _ => state,
    };

    /// <summary>
    /// The next postings that may go to Odoo: pending master data first (the records others name),
    /// then in queue order the pending postings whose dependency (a payment's invoice) is not staged
    /// or parked, and that do not <paramref name="waits"/> (invoices to be summarized). A held posting
    /// holds back only those that depend on it.
    /// </summary>
    public static IReadOnlyList<Posting> NextBatch(SinkState state, int size, Func<Posting, bool>? waits = null)
    {
        var held = Holding(state, waits);
        var batch = state.Outbox.Where(e => e.Status == OutboxStatus.Pending && IsMasterData(e.Posting)).Select(e => e.Posting).Take(size).ToList();
        foreach (var entry in state.Outbox)
        {
            if (batch.Count >= size)
                break;
            if (held.Contains(entry.Posting.Key) || IsMasterData(entry.Posting))
                continue;
            if (PostingDerivation.DependencyOf(entry.Posting) is { } dependency && held.Contains(dependency))
                held.Add(entry.Posting.Key);
            else
                batch.Add(entry.Posting);
        }
        return batch;
    }

    /// <summary>
    /// How many of the next items from the journal stream go into the outbox together, given each
    /// item's number of postings to queue (0: nothing to queue, it is only acknowledged) and the
    /// room left under <c>max-pending</c>: the items whose postings fit, and at least the first one
    /// with postings, as when items came one at a time. The items after them wait for room.
    /// </summary>
    public static int Admissible(IReadOnlyList<int> postingsPerItem, int room)
    {
        var (take, postings) = (0, 0);
        for (; take < postingsPerItem.Count; take++)
        {
            if (postingsPerItem[take] == 0)
                continue;
            if (postings > 0 && postings + postingsPerItem[take] > room)
                break;
            postings += postingsPerItem[take];
        }
        return take;
    }

    /// <summary>The cause Odoo's side gives a posting whose dependency (an invoice) is not in Odoo.</summary>
    public const string DependencyMissing = "actorsync.dependency-missing";

    /// <summary>
    /// Which of a batch's failed postings to park. A posting that failed only because its dependency
    /// failed in the same batch stays pending instead: held back behind the parked dependency, it goes
    /// once that is retried, as it would had the two gone in separate batches. A summary that failed
    /// stands for its member invoices (<paramref name="state"/> knows them).
    /// </summary>
    public static IReadOnlyList<PostingKey> ToPark(SinkState state, IReadOnlyList<Posting> batch, IReadOnlyList<(PostingKey Key, string? Cause)> failed)
    {
        var failedOnTheirOwn = failed.Where(f => f.Cause != DependencyMissing)
            .SelectMany(f => (state.Find(f.Key)?.Members ?? []).Append(f.Key)).ToHashSet();
        return [.. failed.Where(f => f.Cause != DependencyMissing
            || batch.FirstOrDefault(p => p.Key == f.Key) is not { } posting
            || PostingDerivation.DependencyOf(posting) is not { } dependency
            || !failedOnTheirOwn.Contains(dependency)).Select(f => f.Key)];
    }

    /// <summary>
    /// Pending postings that wait for people, not for Odoo: their dependency (an invoice, or the
    /// summary that stands for it) is staged for approval or parked.
    /// </summary>
    public static int HeldBack(SinkState state)
    {
        var held = Holding(state, null);
        var count = 0;
        foreach (var entry in state.Outbox.Where(e => e.Status == OutboxStatus.Pending && !IsMasterData(e.Posting)))
        {
            if (PostingDerivation.DependencyOf(entry.Posting) is { } dependency && held.Contains(dependency))
            {
                held.Add(entry.Posting.Key);
                count++;
            }
        }
        return count;
    }

    /// <summary>What cannot go now holds its dependents back; a held summary, the invoices it stands for.</summary>
    private static HashSet<PostingKey> Holding(SinkState state, Func<Posting, bool>? waits) =>
        state.Outbox.Where(e => e.Status != OutboxStatus.Pending || waits?.Invoke(e.Posting) == true)
            .SelectMany(e => (e.Members ?? []).Append(e.Posting.Key)).ToHashSet();

    /// <summary>
    /// Summary posting: the pending invoices of one day become one balanced journal entry — the
    /// receivable total against revenue per account and department — keyed by the sink's count of
    /// summaries, so the key is fixed once the summary is persisted. Null when nothing is pending.
    /// </summary>
    public static PostingsSummarized? Summarize(SinkState state, string site, AccountMapping accounts, PostingRules rules, DateTimeOffset now)
    {
        // One entry per day and currency: amounts of different currencies never add up.
        var group = state.Outbox.Where(e => e.Status == OutboxStatus.Pending && e.Posting is CustomerInvoicePosting { CreditNote: false })
            .Select(e => (CustomerInvoicePosting)e.Posting)
            .GroupBy(i => (i.Date, i.Lines[0].UnitPrice.Currency.Code)).OrderBy(g => g.Key.Date).FirstOrDefault();
        if (group is null)
            return null;
        var day = (Key: group.Key.Date, Invoices: group.ToList());
        var invoices = day.Invoices;
        var currency = invoices[0].Lines[0].UnitPrice.Currency;
        var credits = invoices.SelectMany(i => i.Lines)
            .GroupBy(l => (l.AccountCode, l.AnalyticAccount))
            .OrderBy(g => g.Key.AccountCode, StringComparer.Ordinal).ThenBy(g => g.Key.AnalyticAccount, StringComparer.Ordinal)
            .Select(g => new JournalPostingLine(g.Key.AccountCode, $"Revenue {day.Key:yyyy-MM-dd}", Money.Zero(currency), Money.Sum(g.Select(l => l.UnitPrice * l.Quantity), currency), g.Key.AnalyticAccount))
            .ToList();
        var total = Money.Sum(credits.Select(c => c.Credit), currency);
        var key = new PostingKey($"sum-{site}-{day.Key:yyyyMMdd}-{state.Summaries + 1}");
        var summary = new JournalEntryPosting(key, invoices[0].LegalEntity, accounts.GeneralJournal, day.Key,
            [new JournalPostingLine(accounts.Receivable, $"Invoices {day.Key:yyyy-MM-dd} ({invoices.Count})", total, Money.Zero(currency)), .. credits]);
        return new PostingsSummarized([.. invoices.Select(i => i.Key)], summary, rules.ApproveSummaryBatches || PostingDerivation.NeedsApproval(summary, rules), now);
    }

    public static bool IsMasterData(Posting posting) => posting is PartnerUpsert or AnalyticAccountUpsert or ProductUpsert;

    public static string? CheckApproval(SinkState state, PostingKey key) => state.Find(key) switch
    {
        null => $"posting {key} is not in this sink's outbox",
        { Status: not OutboxStatus.AwaitingApproval } entry => $"posting {key} is {entry.Status}, not awaiting approval",
        _ => null,
    };

    public static string? CheckParked(SinkState state, PostingKey key) => state.Find(key) switch
    {
        null => $"posting {key} is not in this sink's outbox",
        { Status: not OutboxStatus.Parked } entry => $"posting {key} is {entry.Status}, not parked",
        _ => null,
    };

    private static SinkState Summarized(SinkState state, PostingsSummarized e)
    {
        // The summary takes its first invoice's place: what followed the invoices still follows it.
        // It has waited as long as that invoice (its window is what made it): it does not wait another.
        var members = e.Invoices.ToHashSet();
        var place = state.Outbox.FindIndex(x => members.Contains(x.Posting.Key));
        var rest = Remove(state, e.Invoices);
        var queuedAt = place < 0 ? e.At : state.Outbox[place].QueuedAt;
        var entry = new OutboxEntry(e.Summary, e.NeedsApproval ? OutboxStatus.AwaitingApproval : OutboxStatus.Pending, queuedAt, Members: e.Invoices);
        return rest with { Outbox = rest.Outbox.Insert(place < 0 ? rest.Outbox.Count : place, entry), Summaries = state.Summaries + 1, Summarized = state.Summarized + e.Invoices.Count };
    }

    /// <summary>Reposted postings queue again behind what waits; they leave the delivered count until Odoo confirms them again.</summary>
    private static SinkState Reposted(SinkState state, PostingsReposted e)
    {
        var added = e.Postings.Where(p => state.Find(p.Key) is null).DistinctBy(p => p.Key).ToList();
        return state with
        {
            Outbox = state.Outbox.AddRange(added.Select(p => new OutboxEntry(p, OutboxStatus.Pending, e.At))),
            Delivered = Math.Max(0, state.Delivered - added.Count),
        };
    }

    private static SinkState Remove(SinkState state, IEnumerable<PostingKey> keys)
    {
        var gone = keys.ToHashSet();
        return state with { Outbox = state.Outbox.RemoveAll(e => gone.Contains(e.Posting.Key)) };
    }

    private static SinkState Change(SinkState state, PostingKey key, Func<OutboxEntry, OutboxEntry> change) =>
        state.Find(key) is { } entry ? state with { Outbox = state.Outbox.Replace(entry, change(entry)) } : state;
}
