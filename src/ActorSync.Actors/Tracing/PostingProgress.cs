using ActorSync.Domain.Sinks;

namespace ActorSync.Actors.Tracing;

/// <summary>How far one posting got, folded from its sink's events in journal order.</summary>
internal sealed record PostingProgress(string Sink, DateTimeOffset QueuedAt, string Status)
{
    public string? SummarizedInto { get; init; }
    public DeliveredPosting? Delivery { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public string? Problem { get; init; }

    public static PostingProgress Queued(string sink, bool needsApproval, DateTimeOffset at) =>
        new(sink, at, needsApproval ? "awaiting-approval" : "pending");

    /// <summary>The posting <paramref name="key"/> after a sink event that names it.</summary>
    public PostingProgress After(string key, ISinkEvent e) => e switch
    {
        PostingsSummarized summarized => this with { Status = "summarized", SummarizedInto = summarized.Summary.Key.Value },
        PostingsDelivered delivered => this with { Status = "delivered", Delivery = delivered.Postings.First(p => p.Key.Value == key), DeliveredAt = delivered.At, Problem = null },
        PostingParked parked => this with { Status = "parked", Problem = $"{parked.Cause}: {parked.Message}" },
        PostingRetried when Status == "rejected" => this with { Status = "awaiting-approval", Problem = null },
        PostingApproved or PostingRetried or PostingsReposted => this with { Status = "pending", Problem = null },
        PostingRejected rejected => this with { Status = "rejected", Problem = $"rejected by {rejected.By}: {rejected.Reason}" },
        PostingDiscarded discarded => this with { Status = "discarded", Problem = $"discarded by {discarded.By}: {discarded.Reason}" },
        _ => this,
    };
}
