using ActorSync.Actors.Entities;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;

namespace ActorSync.Actors.Sinks;

/// <summary>A message for one posting sink, routed by its id (<c>legal-entity/site/flow</c>).</summary>
public interface ISinkMessage : IActorSyncMessage
{
    string SinkId { get; }
}

/// <summary>Start the sink (or keep it running): it follows its journal stream and sends to Odoo.</summary>
public sealed record WakeSink(string SinkId) : ISinkMessage;

public sealed record GetSinkStatus(string SinkId) : ISinkMessage;

/// <summary>
/// A sink's state. <see cref="Offset"/> is how far postings were derived and stored; <see cref="Seen"/>
/// how far its journal stream has been read (events without postings move only this one).
/// <see cref="HeldBack"/> of the pending postings wait for a staged or parked posting they depend on.
/// </summary>
public sealed record SinkStatus(
    string SinkId, string Mode, long Offset, long Seen, int Pending, int AwaitingApproval, int Parked, long Delivered, long Discarded,
    DateTimeOffset? OldestWaiting, bool Writing, string? LastError, int HeldBack = 0) : IActorSyncMessage
{
    /// <summary>Pending postings that can go to Odoo now (the others wait for an approval or a parked posting).</summary>
    public int Sendable => Pending - HeldBack;
}

/// <summary>The outbox's postings, optionally only those with one status (the exception queue: parked).</summary>
public sealed record ListOutbox(string SinkId, OutboxStatus? Status = null) : ISinkMessage;

public sealed record OutboxItem(PostingKey Key, string Kind, OutboxStatus Status, decimal? Amount, string? Currency, DateTimeOffset QueuedAt, string? Cause, string? Message);

public sealed record OutboxList(string SinkId, IReadOnlyList<OutboxItem> Items) : IActorSyncMessage;

/// <summary>One posting of the outbox with what it would write (lines, accounts, partner): for an operator looking at it.</summary>
public sealed record GetOutboxEntry(string SinkId, PostingKey Key) : ISinkMessage;

/// <summary>The answer to <see cref="GetOutboxEntry"/>; both null when the outbox does not hold the posting.</summary>
public sealed record OutboxEntryDetail(string SinkId, OutboxItem? Item, Posting? Posting) : IActorSyncMessage;

public sealed record ApprovePosting(string SinkId, PostingKey Key, string By) : ISinkMessage;

public sealed record RejectPosting(string SinkId, PostingKey Key, string By, string Reason) : ISinkMessage;

/// <summary>Send parked postings back to the outbox: one (<see cref="Key"/>) or all with the same <see cref="Cause"/>.</summary>
public sealed record RetryParked(string SinkId, PostingKey? Key, string? Cause, string By) : ISinkMessage;

public sealed record DiscardParked(string SinkId, PostingKey Key, string By, string Reason) : ISinkMessage;

/// <summary>
/// Send postings Odoo confirmed through the connector again (a replay): the sink finds them in its
/// journal and queues them; Odoo finds by external id what it holds and makes only what is gone.
/// Keys that are not delivered postings of this sink are left alone and named in the reply.
/// </summary>
public sealed record RepostPostings(string SinkId, IReadOnlyList<PostingKey> Keys, string By) : ISinkMessage;

/// <summary>The answer to an operator's command: what it did, or why not.</summary>
public sealed record SinkCommandReply(string SinkId, bool Done, string Message, int Affected) : IActorSyncMessage;
