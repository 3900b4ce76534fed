using ActorSync.Actors.Entities;
using ActorSync.Domain.InputExceptions;

namespace ActorSync.Actors.InputExceptions;

/// <summary>Marker type under which the input exception queue's shard region is registered.</summary>
public sealed class InputExceptionRegion;

public static class InputExceptionEntity
{
    public static EntityDefinition<InputExceptionState, IInputExceptionCommand, IInputExceptionEvent> Definition { get; } =
        new(EntityTypes.InputException, InputExceptionDecider.Instance, _ => EventTags.ExceptionsOnly);

    public static string? RoutingKey(object message) => (message as IInputExceptionCommand)?.Key.ToString();
}
