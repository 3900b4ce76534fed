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

    /// <summary>Only the network's sinks exist: a message for any other id is not delivered (no sink is made for it).</summary>
    public static Func<object, string?> RoutingKey(NetworkSettings network) => message =>
        message is ISinkMessage m && TryParse(m.SinkId, out var key) && Exists(network, key) ? m.SinkId : null;

    public static bool Exists(NetworkSettings network, SinkKey key) =>
        network.LegalEntities.TryGetValue(key.LegalEntity, out var profile) && profile.Sites.Any(s => s.Id == key.Site);

    private static bool TryParse(string id, out SinkKey key)
    {
        try
        {
            key = SinkKey.Parse(id);
            return true;
        }
        catch (Domain.Common.DomainException)
        {
            key = default;
            return false;
        }
    }

    public static string PersistenceId(string sinkId) => $"{TypeName}|{sinkId}";

    /// <summary>Every sink of the network: one per site and flow.</summary>
    public static IReadOnlyList<SinkKey> All(NetworkSettings network) =>
        [.. network.LegalEntities.SelectMany(e => e.Value.Sites.SelectMany(s => Enum.GetValues<PostingFlow>().Select(f => new SinkKey(e.Key, s.Id, f))))];
}
