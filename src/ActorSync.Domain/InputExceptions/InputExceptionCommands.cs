using ActorSync.Domain.Common;

namespace ActorSync.Domain.InputExceptions;

public interface IInputExceptionCommand : ICommand
{
    InputExceptionKey Key { get; }
}

public sealed record ParkInput(InputExceptionKey Key, InputProblem Problem, string Reason, string Payload, SourceStamp Stamp) : IInputExceptionCommand;

/// <summary>A retry of the parked input went through (the entities applied it, or already had it).</summary>
public sealed record ResolveInput(InputExceptionKey Key, string By, string Outcome, SourceStamp Stamp) : IInputExceptionCommand;

/// <summary>An operator drops the parked input for good, with a reason.</summary>
public sealed record DiscardInput(InputExceptionKey Key, string By, string Reason, SourceStamp Stamp) : IInputExceptionCommand;
