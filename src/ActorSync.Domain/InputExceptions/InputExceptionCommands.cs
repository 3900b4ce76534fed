using ActorSync.Domain.Common;

namespace ActorSync.Domain.InputExceptions;

public interface IInputExceptionCommand : ICommand
{
    InputExceptionKey Key { get; }
}

public sealed record ParkInput(InputExceptionKey Key, InputProblem Problem, string Reason, string Payload, SourceStamp Stamp) : IInputExceptionCommand;
