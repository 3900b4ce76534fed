using ActorSync.Actors.Entities;
using ActorSync.Domain.MasterData;

namespace ActorSync.Actors.MasterData;

/// <summary>Marker type under which the master-data registry's shard region is registered.</summary>
public sealed class MasterDataRegion;

/// <summary>One master-data resource of a source; every change is tagged, so the registry can be rebuilt from the journal.</summary>
public static class MasterDataEntity
{
    public static EntityDefinition<MasterDataState, IMasterDataCommand, IMasterDataEvent> Definition { get; } =
        new(EntityTypes.MasterData, MasterDataDecider.Instance, _ => EventTags.MasterDataOnly);

    public static string? RoutingKey(object message) => (message as IMasterDataCommand)?.Key.ToString();
}
