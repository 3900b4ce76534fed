using ActorSync.Domain.Common;

namespace ActorSync.Fhir.Mapping;

/// <summary>What a FHIR resource means for the canonical model.</summary>
public abstract record MappingResult
{
    /// <summary>Commands for the entities, each stamped with the resource version it came from.</summary>
    public sealed record Mapped(IReadOnlyList<ICommand> Commands) : MappingResult;

    /// <summary>Valid FHIR that cannot be mapped yet (unknown site, unmapped code): kept in the exception queue with the reason.</summary>
    public sealed record Parked(string Reason) : MappingResult;
}
