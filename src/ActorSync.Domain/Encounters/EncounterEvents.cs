using ActorSync.Domain.Common;

namespace ActorSync.Domain.Encounters;

public interface IEncounterEvent : IEvent;

public sealed record EncounterRegistered(
    EncounterKey Key,
    LegalEntityId LegalEntity,
    EncounterStatus Status,
    string Class,
    Period Period,
    DepartmentId? Department,
    string? Location,
    string? PatientPseudonym,
    SourceStamp Stamp) : IEncounterEvent;

public sealed record EncounterUpdated(
    EncounterStatus Status,
    string Class,
    Period Period,
    DepartmentId? Department,
    string? Location,
    SourceStamp Stamp) : IEncounterEvent;

public sealed record ChargeCaptured(ChargeLine Charge, SourceStamp Stamp) : IEncounterEvent;

/// <summary>The charge as it is now; the previous amount keeps the trail of what changed.</summary>
public sealed record ChargeCorrected(ChargeLine Charge, Money PreviousAmount, string Reason, SourceStamp Stamp) : IEncounterEvent;

public sealed record ChargeVoided(string ChargeId, Money Amount, string Reason, SourceStamp Stamp) : IEncounterEvent;

/// <summary>The encounter finished: billing may start. The trigger is what downstream billing needs.</summary>
public sealed record EncounterCompleted(BillingTrigger Trigger, SourceStamp Stamp) : IEncounterEvent;

public sealed record EncounterCancelled(SourceStamp Stamp) : IEncounterEvent;

public sealed record EncounterEnteredInError(SourceStamp Stamp) : IEncounterEvent;
