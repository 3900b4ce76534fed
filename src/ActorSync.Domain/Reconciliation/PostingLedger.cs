using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;

namespace ActorSync.Domain.Reconciliation;

/// <summary>Where a posting stands, as its sink's journal tells it.</summary>
public enum PostingStatus
{
    Pending,
    AwaitingApproval,
    Parked,
    Delivered,
    Discarded,

    /// <summary>An invoice folded into a summary journal entry (which carries its amounts to Odoo).</summary>
    Summarized,
}

/// <summary>One posting and its history in a sink: queued, approved, parked, delivered (with the Odoo record), when.</summary>
public sealed record LedgerEntry(Posting Posting, string Sink, PostingStatus Status, DateTimeOffset QueuedAt)
{
    public string? OdooModel { get; init; }
    public long? OdooId { get; init; }
    public bool AlreadyInOdoo { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public string? Cause { get; init; }
    public string? Message { get; init; }
    public string? ApprovedBy { get; init; }
    public PostingKey? SummarizedInto { get; init; }

    /// <summary>How often an operator sent it through the connector again after Odoo confirmed it (<see cref="PostingsReposted"/>).</summary>
    public int Reposts { get; init; }
    public DateTimeOffset ChangedAt { get; init; } = QueuedAt;
}

/// <summary>
/// Every posting the sinks ever queued, folded from their journals. Unlike a sink's outbox, which
/// forgets what Odoo holds, the ledger keeps delivered postings with their Odoo ids: it is what
/// reconciliation, traces and the demo report read.
/// </summary>
public sealed class PostingLedger
{
    private readonly Dictionary<PostingKey, LedgerEntry> _entries = [];

    public IReadOnlyCollection<LedgerEntry> Entries => _entries.Values;

    public LedgerEntry? Find(PostingKey key) => _entries.GetValueOrDefault(key);

    public void Apply(string sink, ISinkEvent e)
    {
        foreach (var entry in Changes(_entries.GetValueOrDefault, sink, e))
            _entries[entry.Posting.Key] = entry;
    }

    /// <summary>
    /// The entries one sink event adds or changes, given the entries as they stand (<paramref name="find"/>).
    /// Pure, and the same whether the ledger lives in memory or in a projection's table (times come
    /// from the event). Applying one event twice gives the same entries except for a repost, which
    /// counts: the projection never applies a batch twice (see PostingsProjection).
    /// </summary>
    public static IReadOnlyCollection<LedgerEntry> Changes(Func<PostingKey, LedgerEntry?> find, string sink, ISinkEvent e)
    {
        var changed = new Dictionary<PostingKey, LedgerEntry>();
        LedgerEntry? Get(PostingKey key) => changed.TryGetValue(key, out var entry) ? entry : find(key);
        void Add(Posting posting, bool needsApproval, DateTimeOffset at)
        {
            if (Get(posting.Key) is null)
                changed[posting.Key] = new LedgerEntry(posting, sink, needsApproval ? PostingStatus.AwaitingApproval : PostingStatus.Pending, at);
        }
        void Change(PostingKey key, Func<LedgerEntry, LedgerEntry> change, DateTimeOffset at)
        {
            if (Get(key) is { } entry)
                changed[key] = change(entry) with { ChangedAt = at };
        }

        switch (e)
        {
            case PostingsQueued queued:
                foreach (var p in queued.Postings)
                    Add(p.Posting, p.NeedsApproval, queued.At);
                break;
            case PostingsSummarized summarized:
                foreach (var invoice in summarized.Invoices)
                    Change(invoice, entry => entry with { Status = PostingStatus.Summarized, SummarizedInto = summarized.Summary.Key }, summarized.At);
                Add(summarized.Summary, summarized.NeedsApproval, summarized.At);
                break;
            case PostingsDelivered delivered:
                foreach (var d in delivered.Postings)
                    Change(d.Key, entry => entry with
                    {
                        Status = PostingStatus.Delivered, OdooModel = d.Model, OdooId = d.OdooId, AlreadyInOdoo = d.AlreadyInOdoo,
                        DeliveredAt = delivered.At, Cause = null, Message = null,
                    }, delivered.At);
                break;
            case PostingParked parked:
                Change(parked.Key, entry => entry with { Status = PostingStatus.Parked, Cause = parked.Cause, Message = parked.Message }, parked.At);
                break;
            case PostingApproved approved:
                Change(approved.Key, entry => entry with { Status = PostingStatus.Pending, ApprovedBy = approved.By }, approved.At);
                break;
            case PostingRejected rejected:
                Change(rejected.Key, entry => entry with { Status = PostingStatus.Parked, Cause = SinkOutbox.RejectedCause, Message = $"rejected by {rejected.By}: {rejected.Reason}" }, rejected.At);
                break;
            case PostingRetried retried:
                Change(retried.Key, entry => entry with { Status = entry.Cause == SinkOutbox.RejectedCause ? PostingStatus.AwaitingApproval : PostingStatus.Pending, Cause = null, Message = null }, retried.At);
                break;
            case PostingDiscarded discarded:
                Change(discarded.Key, entry => entry with { Status = PostingStatus.Discarded, Message = $"discarded by {discarded.By}: {discarded.Reason}" }, discarded.At);
                break;
            case PostingsReposted reposted:
                // Only a delivered posting goes back (the sink queues no other); the count says how often.
                foreach (var p in reposted.Postings.Where(p => Get(p.Key) is { Status: PostingStatus.Delivered }))
                    Change(p.Key, entry => entry with { Status = PostingStatus.Pending, Reposts = entry.Reposts + 1 }, reposted.At);
                break;
        }
        return changed.Values;
    }
}
