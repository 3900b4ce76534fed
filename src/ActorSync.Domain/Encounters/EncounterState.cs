using System.Collections.Immutable;
using ActorSync.Domain.Common;

namespace ActorSync.Domain.Encounters;

public enum EncounterStatus
{
    Unknown,
    Planned,
    InProgress,
    Finished,
    Cancelled,
    EnteredInError,
}

public sealed record Period(DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>One billable charge as the source captured it.</summary>
public sealed record ChargeLine(
    string ChargeId,
    string Code,
    string Description,
    decimal Quantity,
    Money Amount,
    DepartmentId? Department,
    DateTimeOffset ServiceDate);

public sealed record Charge(ChargeLine Line, bool Voided);

/// <summary>Raised once when an encounter completes: what billing needs to draft the invoice.</summary>
public sealed record BillingTrigger(
    EncounterKey Encounter,
    LegalEntityId LegalEntity,
    DepartmentId? Department,
    DateTimeOffset? CompletedAt,
    int ChargeCount,
    Money? ChargesTotal);

/// <summary>An encounter; <see cref="ChargeCurrency"/> is the currency of its first charge, which all others must share.</summary>
public sealed record EncounterState(
    EncounterKey? Key,
    LegalEntityId? LegalEntity,
    EncounterStatus Status,
    string Class,
    Period Period,
    DepartmentId? Department,
    string? Location,
    string? PatientPseudonym,
    ImmutableDictionary<string, Charge> Charges,
    Currency? ChargeCurrency,
    bool BillingTriggered,
    ImmutableDictionary<string, AppliedVersion> Versions)
{
    public static EncounterState Empty { get; } = new(
        null, null, EncounterStatus.Unknown, "", new Period(null, null), null, null, null,
        ImmutableDictionary<string, Charge>.Empty.WithComparers(StringComparer.Ordinal), null, false,
        ImmutableDictionary<string, AppliedVersion>.Empty.WithComparers(StringComparer.Ordinal));

    public bool IsRegistered => Key is not null;

    public IEnumerable<ChargeLine> ActiveCharges =>
        Charges.Values.Where(c => !c.Voided).Select(c => c.Line).OrderBy(c => c.ChargeId, StringComparer.Ordinal);

    public Money? ChargesTotal
    {
        get
        {
            var active = ActiveCharges.ToList();
            return active.Count == 0 ? null : Money.Sum(active.Select(c => c.Amount), active[0].Amount.Currency);
        }
    }
}
