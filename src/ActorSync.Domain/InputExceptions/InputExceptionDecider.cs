using ActorSync.Domain.Common;

namespace ActorSync.Domain.InputExceptions;

/// <summary>
/// Parking the same resource version again is a duplicate; a newer version replaces the entry's
/// payload and reason (and reopens it). An open entry is closed by a retry that went through or by a
/// discard with a reason; operators' commands carry a stamp of their own, so they are never duplicates.
/// </summary>
public sealed class InputExceptionDecider : IDecider<InputExceptionState, IInputExceptionCommand, IInputExceptionEvent>
{
    public static InputExceptionDecider Instance { get; } = new();

    public InputExceptionState Initial => InputExceptionState.Empty;

    public Decision<IInputExceptionEvent> Decide(InputExceptionState state, IInputExceptionCommand command) =>
        Deciding.CheckVersion<IInputExceptionEvent>(state.Versions, command.Stamp) ?? command switch
        {
            ParkInput c when string.IsNullOrWhiteSpace(c.Reason) => Decision<IInputExceptionEvent>.Reject("a parked input needs a reason"),
            ParkInput c => Decision<IInputExceptionEvent>.Accept(new InputParked(c.Key, c.Problem, c.Reason, c.Payload, c.Stamp)),
            ResolveInput or DiscardInput when !state.IsOpen => Decision<IInputExceptionEvent>.Reject(state.Key is null ? $"{command.Key} is not in the input exception queue" : $"{command.Key} is no longer parked"),
            DiscardInput c when string.IsNullOrWhiteSpace(c.Reason) => Decision<IInputExceptionEvent>.Reject("say why the input is discarded"),
            ResolveInput c => Decision<IInputExceptionEvent>.Accept(new InputResolved(c.Key, c.By, c.Outcome, c.Stamp.ReceivedAt, c.Stamp)),
            DiscardInput c => Decision<IInputExceptionEvent>.Accept(new InputDiscarded(c.Key, c.By, c.Reason, c.Stamp.ReceivedAt, c.Stamp)),
            _ => Decision<IInputExceptionEvent>.Reject($"unknown input exception command {command.GetType().Name}"),
        };

    public InputExceptionState Apply(InputExceptionState state, IInputExceptionEvent @event)
    {
        var next = @event switch
        {
            InputParked e => state with { Key = e.Key, Problem = e.Problem, Reason = e.Reason, Payload = e.Payload, TimesParked = state.TimesParked + 1, Closed = null },
            InputResolved e => state with { Closed = new InputClosure(true, e.By, e.Outcome, e.At) },
            InputDiscarded e => state with { Closed = new InputClosure(false, e.By, e.Reason, e.At) },
            _ => state,
        };
        return next with { Versions = Deciding.Record(next.Versions, @event.Stamp) };
    }
}
