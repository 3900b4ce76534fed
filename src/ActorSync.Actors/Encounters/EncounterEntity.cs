using System.Collections.Immutable;
using ActorSync.Actors.Entities;
using ActorSync.Domain.Encounters;

namespace ActorSync.Actors.Encounters;

/// <summary>Marker type under which the encounter shard region is registered.</summary>
public sealed class EncounterRegion;

public static class EncounterEntity
{
    public static EntityDefinition<EncounterState, IEncounterCommand, IEncounterEvent> Definition { get; } =
        new(EntityTypes.Encounter, EncounterDecider.Instance, Tags);

    private static ImmutableHashSet<string> Tags(IEncounterEvent e) => e switch
    {
        EncounterCompleted => EventTags.BillingTriggerAndFinancial,
        // Cancelling or erroring out an encounter can undo billing: finance follows those too.
        ChargeCaptured or ChargeCorrected or ChargeVoided or EncounterCancelled or EncounterEnteredInError => EventTags.FinancialOnly,
        _ => EventTags.None,
    };

    public static string? RoutingKey(object message) => (message as IEncounterCommand)?.Key.ToString();
}
