using System.Collections.Immutable;
using ActorSync.Domain.Common;

namespace ActorSync.Domain.InputExceptions;

public enum InputProblem
{
    /// <summary>Not valid FHIR R4: the sender must fix it.</summary>
    Invalid,
    /// <summary>Valid, but not mappable or refused by a business rule: fix the mapping or the data, then retry.</summary>
    Unmappable,
}

public sealed record InputExceptionState(
    InputExceptionKey? Key,
    InputProblem Problem,
    string? Reason,
    string? Payload,
    int TimesParked,
    ImmutableDictionary<string, AppliedVersion> Versions,
    InputClosure? Closed = null)
{
    /// <summary>Waiting for someone: parked, and neither retried with success nor discarded since.</summary>
    public bool IsOpen => Key is not null && Closed is null;

    public static InputExceptionState Empty { get; } = new(null, InputProblem.Invalid, null, null, 0, ImmutableDictionary<string, AppliedVersion>.Empty.WithComparers(StringComparer.Ordinal));
}

/// <summary>How a parked input left the queue: retried and applied, or discarded, by whom, when and why.</summary>
public sealed record InputClosure(bool Applied, string By, string Note, DateTimeOffset At);
