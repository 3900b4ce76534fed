using ActorSync.Actors.Entities;
using ActorSync.Domain.LegalEntities;

namespace ActorSync.Actors.LegalEntities;

/// <summary>Marker type under which the legal entity shard region is registered.</summary>
public sealed class LegalEntityRegion;

public static class LegalEntityEntity
{
    public static EntityDefinition<LegalEntityState, ILegalEntityCommand, ILegalEntityEvent> Definition { get; } =
        new(EntityTypes.LegalEntity, LegalEntityDecider.Instance, _ => EventTags.None);

    public static string? RoutingKey(object message) => (message as ILegalEntityCommand)?.Id.ToString();
}
