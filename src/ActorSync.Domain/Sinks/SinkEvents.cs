using ActorSync.Domain.Postings;

namespace ActorSync.Domain.Sinks;

/// <summary>What happened in a sink's outbox (not a source fact, so no source stamp).</summary>
public interface ISinkEvent;

/// <summary>A posting as it enters the outbox, and whether finance must approve it first.</summary>
public sealed record QueuedPosting(Posting Posting, bool NeedsApproval);

/// <summary>Postings derived from the journal up to <see cref="Offset"/> (the tag stream's offset) entered the outbox.</summary>
public sealed record PostingsQueued(long Offset, IReadOnlyList<QueuedPosting> Postings, DateTimeOffset At) : ISinkEvent;

/// <summary>
/// Invoices of a legal entity that posts in summary were folded into one balanced journal entry
/// (per day: receivable against revenue by department); the entry replaces them in the outbox.
/// </summary>
public sealed record PostingsSummarized(IReadOnlyList<PostingKey> Invoices, JournalEntryPosting Summary, bool NeedsApproval, DateTimeOffset At) : ISinkEvent;

/// <summary>Odoo holds these postings now (made by this sink, or found from an earlier attempt).</summary>
public sealed record PostingsDelivered(IReadOnlyList<DeliveredPosting> Postings, DateTimeOffset At) : ISinkEvent;

public sealed record DeliveredPosting(PostingKey Key, string Model, long OdooId, bool AlreadyInOdoo);

/// <summary>A posting went to the exception queue: Odoo refused it, a mapping is missing, retries ran out, or finance rejected it.</summary>
public sealed record PostingParked(PostingKey Key, string Cause, string Message, DateTimeOffset At) : ISinkEvent;

public sealed record PostingApproved(PostingKey Key, string By, DateTimeOffset At) : ISinkEvent;

public sealed record PostingRejected(PostingKey Key, string By, string Reason, DateTimeOffset At) : ISinkEvent;

/// <summary>An operator sent a parked posting back to the outbox (after fixing its cause).</summary>
public sealed record PostingRetried(PostingKey Key, string By, DateTimeOffset At) : ISinkEvent;

/// <summary>An operator took a parked posting out for good, with the reason; the journal keeps it.</summary>
public sealed record PostingDiscarded(PostingKey Key, string By, string Reason, DateTimeOffset At) : ISinkEvent;

/// <summary>
/// An operator sent postings Odoo already confirmed through the connector again (a replay): they
/// are back in the outbox, and Odoo finds by external id what it still holds and makes only what
/// is gone. The postings travel in the event: the outbox forgets delivered postings.
/// </summary>
public sealed record PostingsReposted(IReadOnlyList<Posting> Postings, string By, DateTimeOffset At) : ISinkEvent;
