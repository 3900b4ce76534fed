using ActorSync.Actors.Hosting;
using ActorSync.Actors.Sinks;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using Akka.Actor;

namespace ActorSync.Actors.Operations;

/// <summary>A posting in some sink's outbox, with the sink it is in.</summary>
public sealed record SinkPosting(string SinkId, OutboxItem Item);

/// <summary>
/// What operators do with the posting sinks, across every sink of the network: list the exception
/// queue and the approvals, find a posting by its key, and send approvals, rejections, retries and
/// discards to the sink that holds it.
/// </summary>
public static class SinkOperations
{
    public static IActorRef Region(ActorSyncNode node) =>
        node.Sinks ?? throw new InvalidOperationException("the posting sinks are not running on this node");

    public static async Task<IReadOnlyList<SinkPosting>> ListAsync(ActorSyncNode node, OutboxStatus? status, CancellationToken ct)
    {
        var region = Region(node);
        var lists = await Task.WhenAll(SinkEntity.All(node.Network).Select(k => region.Ask<OutboxList>(new ListOutbox(k.ToString(), status), node.AskTimeout, ct)));
        return [.. lists.SelectMany(l => l.Items.Select(i => new SinkPosting(l.SinkId, i))).OrderBy(p => p.Item.QueuedAt)];
    }

    public static async Task<SinkPosting?> FindAsync(ActorSyncNode node, PostingKey key, CancellationToken ct) =>
        (await ListAsync(node, null, ct)).FirstOrDefault(p => p.Item.Key == key);

    /// <summary>The posting as its sink holds it, with what it would write; null when no sink holds it.</summary>
    public static async Task<OutboxEntryDetail?> DetailAsync(ActorSyncNode node, PostingKey key, CancellationToken ct) =>
        await FindAsync(node, key, ct) is { } found ? await Region(node).Ask<OutboxEntryDetail>(new GetOutboxEntry(found.SinkId, key), node.AskTimeout, ct) : null;

    /// <summary>Sends the command that <paramref name="command"/> makes for the sink holding the posting; null when no sink holds it.</summary>
    public static async Task<SinkCommandReply?> OnPostingAsync(ActorSyncNode node, PostingKey key, Func<string, ISinkMessage> command, CancellationToken ct) =>
        await FindAsync(node, key, ct) is { } found
            ? await Region(node).Ask<SinkCommandReply>(command(found.SinkId), node.AskTimeout, ct)
            : null;

    /// <summary>Retries every parked posting with this cause, in every sink.</summary>
    public static async Task<int> RetryCauseAsync(ActorSyncNode node, string cause, string by, CancellationToken ct)
    {
        var region = Region(node);
        var replies = await Task.WhenAll(SinkEntity.All(node.Network).Select(k => region.Ask<SinkCommandReply>(new RetryParked(k.ToString(), null, cause, by), node.AskTimeout, ct)));
        return replies.Sum(r => r.Affected);
    }
}
