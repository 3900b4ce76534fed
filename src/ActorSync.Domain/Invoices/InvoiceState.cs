using System.Collections.Immutable;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;

namespace ActorSync.Domain.Invoices;

public enum InvoiceStatus
{
    None,
    Draft,
    Issued,
    Voided,
}

public enum AdjustmentKind
{
    ContractualAllowance,
    WriteOff,
}

public sealed record InvoiceLine(string LineId, string Code, string Description, decimal Quantity, Money Amount, DepartmentId? Department);

public sealed record Adjustment(AdjustmentKind Kind, Money Amount, string Reason);

public sealed record InvoiceState(
    InvoiceKey? Key,
    LegalEntityId? LegalEntity,
    EncounterKey? Encounter,
    Currency? Currency,
    ImmutableArray<InvoiceLine> Lines,
    DateOnly? ServiceDate,
    InvoiceStatus Status,
    string? Payer,
    DateOnly? IssueDate,
    ImmutableDictionary<string, Money> Payments,
    ImmutableDictionary<string, Adjustment> Adjustments,
    ImmutableDictionary<string, AppliedVersion> Versions)
{
    public static InvoiceState Empty { get; } = new(
        null, null, null, null, [], null, InvoiceStatus.None, null, null,
        ImmutableDictionary<string, Money>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, Adjustment>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, AppliedVersion>.Empty.WithComparers(StringComparer.Ordinal));

    public Money Total => Money.Sum(Lines.Select(l => l.Amount), CurrencyOrUsd);
    public Money Paid => Money.Sum(Payments.Values, CurrencyOrUsd);
    public Money Adjusted => Money.Sum(Adjustments.Values.Select(a => a.Amount), CurrencyOrUsd);

    /// <summary>What the payer still owes: total less payments and adjustments; never negative.</summary>
    public Money Balance => Total - Paid - Adjusted;

    private Currency CurrencyOrUsd => Currency ?? Common.Currency.Usd;
}
