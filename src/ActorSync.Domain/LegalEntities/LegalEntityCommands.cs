using ActorSync.Domain.Common;

namespace ActorSync.Domain.LegalEntities;

/// <summary>Marker for commands routed to one legal entity.</summary>
public interface ILegalEntityCommand : ICommand
{
    LegalEntityId Id { get; }
}

/// <summary>Set the legal entity's sites, mappings and rules (from the network configuration).</summary>
public sealed record ConfigureLegalEntity(LegalEntityId Id, LegalEntityProfile Profile, SourceStamp Stamp) : ILegalEntityCommand;
