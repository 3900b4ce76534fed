using ActorSync.Domain.Common;

namespace ActorSync.Domain.InputExceptions;

public interface IInputExceptionEvent : IEvent;

public sealed record InputParked(InputExceptionKey Key, InputProblem Problem, string Reason, string Payload, SourceStamp Stamp) : IInputExceptionEvent;

public sealed record InputResolved(InputExceptionKey Key, string By, string Outcome, DateTimeOffset At, SourceStamp Stamp) : IInputExceptionEvent;

public sealed record InputDiscarded(InputExceptionKey Key, string By, string Reason, DateTimeOffset At, SourceStamp Stamp) : IInputExceptionEvent;
