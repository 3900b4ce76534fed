using ActorSync.Domain.Common;

namespace ActorSync.Domain.Encounters;

/// <summary>Marker for commands routed to one encounter entity.</summary>
public interface IEncounterCommand : ICommand
{
    EncounterKey Key { get; }
}

/// <summary>The encounter as the source sees it now (FHIR resources are snapshots, not deltas).</summary>
public sealed record RecordEncounter(
    EncounterKey Key,
    LegalEntityId LegalEntity,
    EncounterStatus Status,
    string Class,
    Period Period,
    DepartmentId? Department,
    string? Location,
    string? PatientPseudonym,
    SourceStamp Stamp) : IEncounterCommand;

public sealed record CaptureCharge(EncounterKey Key, ChargeLine Charge, SourceStamp Stamp) : IEncounterCommand;

public sealed record CorrectCharge(EncounterKey Key, string ChargeId, decimal Quantity, Money Amount, string Reason, SourceStamp Stamp) : IEncounterCommand;

public sealed record VoidCharge(EncounterKey Key, string ChargeId, string Reason, SourceStamp Stamp) : IEncounterCommand;
