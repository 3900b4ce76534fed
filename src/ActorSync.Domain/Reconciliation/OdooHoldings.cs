using ActorSync.Domain.Common;

namespace ActorSync.Domain.Reconciliation;

/// <summary>
/// One record ActorSync's postings make in Odoo, as read back: a journal entry (invoice, credit
/// note, entry) with its lines, or a payment with its amount (one line on its journal's payments row).
/// <see cref="ExternalId"/> is its <c>actorsync.*</c> external id name, when it has one.
/// </summary>
public sealed record OdooRecord(string Model, long Id, string? ExternalId, DateOnly Date, string State, IReadOnlyList<AccountLine> Lines)
{
    public decimal Debits => Lines.Where(l => l.Balance > 0).Sum(l => l.Balance);
    public decimal Credits => -Lines.Where(l => l.Balance < 0).Sum(l => l.Balance);
}

/// <summary>What one company in Odoo holds of ActorSync's records: those it made (by id) and those that carry its external ids.</summary>
public sealed record OdooHoldings(LegalEntityId LegalEntity, string Company, IReadOnlyList<OdooRecord> Records);
