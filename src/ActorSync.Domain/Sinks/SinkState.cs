using System.Collections.Immutable;
using ActorSync.Domain.Postings;

namespace ActorSync.Domain.Sinks;

public enum OutboxStatus
{
    /// <summary>Waiting for its turn (and its sync mode's window) to go to Odoo.</summary>
    Pending,

    /// <summary>Staged until a finance approver approves or rejects it.</summary>
    AwaitingApproval,

    /// <summary>In the exception queue with its cause, until an operator retries or discards it.</summary>
    Parked,
}

/// <summary>One posting in a sink's outbox; a summary knows the invoices it stands for (<see cref="Members"/>).</summary>
public sealed record OutboxEntry(Posting Posting, OutboxStatus Status, DateTimeOffset QueuedAt, string? Cause = null, string? Message = null, string? ApprovedBy = null, IReadOnlyList<PostingKey>? Members = null);

/// <summary>
/// A sink's outbox: the postings not yet in Odoo, in the order they were queued, and the offset of
/// the journal tag stream up to which postings were derived. Delivered postings leave the outbox
/// (the journal keeps them); only counts remain.
/// </summary>
public sealed record SinkState(long Offset, ImmutableList<OutboxEntry> Outbox, long Delivered, long Discarded, long Summaries = 0, long Summarized = 0, ImmutableHashSet<PostingKey>? MasterData = null)
{
    /// <summary>Master data this sink has queued once: a start queues only what the mapping added since.</summary>
    public ImmutableHashSet<PostingKey> MasterDataQueued => MasterData ?? [];

    public static SinkState Empty { get; } = new(0, [], 0, 0);

    public OutboxEntry? Find(PostingKey key) => Outbox.FirstOrDefault(e => e.Posting.Key == key);

    public int Count(OutboxStatus status) => Outbox.Count(e => e.Status == status);
}
