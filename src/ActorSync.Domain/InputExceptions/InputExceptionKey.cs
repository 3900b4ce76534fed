using ActorSync.Domain.Common;

namespace ActorSync.Domain.InputExceptions;

/// <summary>
/// The exception queue for input: one entry per source resource that could not be applied,
/// keyed by source and resource. It keeps the original payload and the reason, so an operator
/// can act on it and nothing is dropped silently.
/// </summary>
public readonly record struct InputExceptionKey(SourceId Source, string ResourceType, string ResourceId)
{
    public override string ToString() => $"{Source}|{ResourceType}/{ResourceId}";
}
