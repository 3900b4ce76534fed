using ActorSync.Domain.Common;
using ActorSync.Domain.Sinks;

namespace ActorSync.Actors.Replay;

/// <summary>One short line about an event for tables: the source resource of an entity event, the postings of a sink event.</summary>
public static class EventText
{
    public static string Of(object e) => e switch
    {
        IEvent entity => Resource(entity.Stamp),
        PostingsQueued queued => $"{Count(queued.Postings.Count)} queued: {Keys(queued.Postings.Select(p => p.Posting.Key))}",
        PostingsSummarized summarized => $"{Count(summarized.Invoices.Count)} summarized into {summarized.Summary.Key}",
        PostingsDelivered delivered => $"{Count(delivered.Postings.Count)} in Odoo: {string.Join(", ", delivered.Postings.Take(3).Select(p => $"{p.Key} → {p.Model} {p.OdooId}"))}{More(delivered.Postings.Count)}",
        PostingParked parked => $"{parked.Key} parked ({parked.Cause}): {parked.Message}",
        PostingApproved approved => $"{approved.Key} approved by {approved.By}",
        PostingRejected rejected => $"{rejected.Key} rejected by {rejected.By}: {rejected.Reason}",
        PostingRetried retried => $"{retried.Key} retried by {retried.By}",
        PostingsReposted reposted => $"{Count(reposted.Postings.Count)} reposted by {reposted.By}: {Keys(reposted.Postings.Select(p => p.Key))}",
        PostingDiscarded discarded => $"{discarded.Key} discarded by {discarded.By}: {discarded.Reason}",
        _ => "",
    };

    /// <summary><c>Claim/123 v2 from northwind-ehr</c> (v0: the source sends no versions).</summary>
    public static string Resource(SourceStamp stamp) =>
        $"{stamp.ResourceType}/{stamp.ResourceId}{(stamp.Part.Length > 0 ? "#" + stamp.Part : "")} v{stamp.Version} from {stamp.Source}";

    private static string Count(int n) => n == 1 ? "1 posting" : $"{n} postings";

    private static string Keys(IEnumerable<Domain.Postings.PostingKey> keys)
    {
        var list = keys.ToList();
        return string.Join(", ", list.Take(3)) + More(list.Count);
    }

    private static string More(int count) => count > 3 ? $", … ({count - 3} more)" : "";
}
