using ActorSync.Domain.Common;

namespace ActorSync.Domain.Reconciliation;

/// <summary>The legal entity (or all, when null) and days a reconciliation covers.</summary>
public sealed record ReconciliationScope(LegalEntityId? LegalEntity, DateOnly From, DateOnly To)
{
    public static ReconciliationScope Everything { get; } = new(null, DateOnly.MinValue, DateOnly.MaxValue);

    public bool Covers(LegalEntityId legalEntity, DateOnly day) =>
        (LegalEntity is null || LegalEntity == legalEntity) && day >= From && day <= To;
}

public enum DifferenceKind
{
    /// <summary>In the exception queue: Odoo refused it, a mapping is missing, or finance rejected it.</summary>
    Parked,
    AwaitingApproval,

    /// <summary>Queued and not yet confirmed by Odoo.</summary>
    InFlight,
    Discarded,

    // The unexplained ones, which someone has to look at:
    MissingInOdoo,
    UnexpectedInOdoo,
    AmountDiffers,
    Unbalanced,
}

/// <summary>One posting (or Odoo record) where the columns part, and why.</summary>
public sealed record ReconciliationDifference(LegalEntityId LegalEntity, DateOnly Day, DifferenceKind Kind, string Subject, decimal Amount, string Explanation)
{
    public bool Unexplained => Kind >= DifferenceKind.MissingInOdoo;
}

/// <summary>
/// One legal entity, day, department (analytic account) and account: what the sources called for,
/// what ActorSync posted, what Odoo holds. Debit positive, credit negative.
/// </summary>
public sealed record ReconciliationRow(LegalEntityId LegalEntity, DateOnly Day, string Department, string Account, decimal Sources, decimal Posted, decimal Odoo)
{
    public bool Matches => Sources == Posted && Posted == Odoo;
}

public sealed record ReconciliationReport(
    ReconciliationScope Scope, IReadOnlyList<ReconciliationRow> Rows, IReadOnlyList<ReconciliationDifference> Differences, int EntriesChecked, int EntriesBalanced)
{
    public int Unexplained => Differences.Count(d => d.Unexplained);

    public int Count(DifferenceKind kind) => Differences.Count(d => d.Kind == kind);
}
