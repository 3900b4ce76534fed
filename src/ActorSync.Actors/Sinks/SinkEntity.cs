using ActorSync.Actors.Configuration;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;

namespace ActorSync.Actors.Sinks;

/// <summary>Marker type under which the sink shard region is registered.</summary>
public sealed class SinkRegion;

public static class SinkEntity
{
    /// <summary>Region type name and persistence id prefix; fixed for the life of a journal.</summary>
    public const string TypeName = "posting-sink";

    public static string? RoutingKey(object message) => (message as ISinkMessage)?.SinkId;

    /// <summary>Every sink of the network: one per site and flow.</summary>
    public static IReadOnlyList<SinkKey> All(NetworkSettings network) =>
        [.. network.LegalEntities.SelectMany(e => e.Value.Sites.SelectMany(s => Enum.GetValues<PostingFlow>().Select(f => new SinkKey(e.Key, s.Id, f))))];
}
