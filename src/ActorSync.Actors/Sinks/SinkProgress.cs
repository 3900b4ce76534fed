using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Domain.Sinks;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSync.Actors.Sinks;

/// <summary>All sinks of a node at one moment: what Odoo holds, what waits, what is parked.</summary>
public sealed record SinksSummary(IReadOnlyList<SinkStatus> Sinks, int Behind)
{
    public long Delivered => Sinks.Sum(s => s.Delivered);
    public int Pending => Sinks.Sum(s => s.Pending);
    public int AwaitingApproval => Sinks.Sum(s => s.AwaitingApproval);
    public int Parked => Sinks.Sum(s => s.Parked);
    public int HeldBack => Sinks.Sum(s => s.HeldBack);

    /// <summary>
    /// Nothing left to send now: every stream read to its end, nothing sendable or in flight. Parked
    /// and staged postings, and those that depend on them, wait for people.
    /// </summary>
    public bool Idle => Behind == 0 && Sinks.All(s => s.Sendable == 0 && !s.Writing);
}

/// <summary>Watching the sinks drain: after an import, in the demo, in tests.</summary>
public static class SinkProgress
{
    public static async Task<SinksSummary> SnapshotAsync(ActorSyncNode node, CancellationToken ct, Func<SinkKey, bool>? which = null)
    {
        var region = node.Sinks ?? throw new InvalidOperationException("posting sinks are not running on this node");
        var statuses = await Task.WhenAll(SinkEntity.All(node.Network).Where(which ?? (_ => true)).Select(k => region.Ask<SinkStatus>(new GetSinkStatus(k.ToString()), node.AskTimeout, ct)));
        var journal = PersistenceQuery.Get(node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var behind = 0;
        foreach (var status in statuses)
        {
            var key = SinkKey.Parse(status.SinkId);
            var unread = await journal.CurrentEventsByTag(EventTags.Sink(key.Flow, key.Site.Value), Offset.Sequence(status.Seen))
                .Take(1).RunWith(Sink.Seq<EventEnvelope>(), node.System.Materializer());
            behind += unread.Count;
        }
        return new SinksSummary(statuses, behind);
    }

    /// <summary>Waits until the sinks are idle (or the time is up), reporting progress as it goes.</summary>
    public static async Task<SinksSummary> WaitUntilIdleAsync(ActorSyncNode node, TimeSpan within, Action<SinksSummary>? progress, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var summary = await SnapshotAsync(node, ct);
            progress?.Invoke(summary);
            if (summary.Idle || DateTime.UtcNow > deadline)
                return summary;
            await Task.Delay(500, ct);
        }
    }
}
