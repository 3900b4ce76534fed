using ActorSync.Domain.Common;

namespace ActorSync.Domain.InputExceptions;

/// <summary>Parking the same resource version again is a duplicate; a newer version replaces the entry's payload and reason.</summary>
public sealed class InputExceptionDecider : IDecider<InputExceptionState, IInputExceptionCommand, IInputExceptionEvent>
{
    public static InputExceptionDecider Instance { get; } = new();

    public InputExceptionState Initial => InputExceptionState.Empty;

    public Decision<IInputExceptionEvent> Decide(InputExceptionState state, IInputExceptionCommand command) =>
        Deciding.CheckVersion<IInputExceptionEvent>(state.Versions, command.Stamp) ?? command switch
        {
            ParkInput c when string.IsNullOrWhiteSpace(c.Reason) => Decision<IInputExceptionEvent>.Reject("a parked input needs a reason"),
            ParkInput c => Decision<IInputExceptionEvent>.Accept(new InputParked(c.Key, c.Problem, c.Reason, c.Payload, c.Stamp)),
            _ => Decision<IInputExceptionEvent>.Reject($"unknown input exception command {command.GetType().Name}"),
        };

    public InputExceptionState Apply(InputExceptionState state, IInputExceptionEvent @event)
    {
        var next = @event switch
        {
            InputParked e => state with { Key = e.Key, Problem = e.Problem, Reason = e.Reason, Payload = e.Payload, TimesParked = state.TimesParked + 1 },
            _ => state,
        };
        return next with { Versions = Deciding.Record(next.Versions, @event.Stamp) };
    }
}
