namespace ActorSync.Actors.Tracing;

/// <summary>From a source resource to Odoo: the events it caused, and the postings of the entities they changed.</summary>
public sealed record SourceTraceReport(
    string Resource,
    IReadOnlyList<TracedEvent> Events,
    IReadOnlyList<string> Entities,
    IReadOnlyList<TracedPosting> Postings,
    IReadOnlyList<TracedEvent> NotQueued)
{
    public bool Found => Events.Count > 0;
}

/// <summary>An event in the journal, with the source resource version (stamp) that caused it.</summary>
public sealed record TracedEvent(long Offset, string PersistenceId, long SequenceNr, DateTimeOffset WrittenAt, string Event, string Source, string Resource, long Version, DateTimeOffset ReceivedAt);

/// <summary>
/// A posting derived from one of the traced entities' events, and how far it got: <c>pending</c>,
/// <c>awaiting-approval</c>, <c>delivered</c> (with the Odoo model and id), <c>parked</c>,
/// <c>rejected</c>, <c>discarded</c>, or <c>summarized</c> into a daily summary entry (whose
/// status and Odoo record it then shares).
/// </summary>
public sealed record TracedPosting(
    string Key,
    string Kind,
    string Sink,
    string CausedBy,
    string CausedByEvent,
    string CausedByResource,
    DateTimeOffset QueuedAt,
    string Status,
    string? SummarizedInto,
    string? SummaryStatus,
    string ExternalId,
    string? OdooModel,
    long? OdooId,
    bool? AlreadyInOdoo,
    DateTimeOffset? DeliveredAt,
    string? Problem);
