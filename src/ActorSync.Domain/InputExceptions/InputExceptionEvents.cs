using ActorSync.Domain.Common;

namespace ActorSync.Domain.InputExceptions;

public interface IInputExceptionEvent : IEvent;

public sealed record InputParked(InputExceptionKey Key, InputProblem Problem, string Reason, string Payload, SourceStamp Stamp) : IInputExceptionEvent;
