using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;

namespace ActorSync.Domain.Invoices;

/// <summary>Marker for commands routed to one invoice entity.</summary>
public interface IInvoiceCommand : ICommand
{
    InvoiceKey Key { get; }
}

/// <summary>Draft (or re-draft, while still a draft) the invoice from the encounter's charges.</summary>
public sealed record DraftInvoice(
    InvoiceKey Key,
    LegalEntityId LegalEntity,
    EncounterKey? Encounter,
    Currency Currency,
    IReadOnlyList<InvoiceLine> Lines,
    DateOnly ServiceDate,
    SourceStamp Stamp) : IInvoiceCommand;

/// <summary>Send the invoice to a payer (a pseudonymous payer reference, never a patient name).</summary>
public sealed record IssueInvoice(InvoiceKey Key, string Payer, DateOnly IssueDate, SourceStamp Stamp) : IInvoiceCommand;

public sealed record RecordPayment(InvoiceKey Key, string PaymentId, Money Amount, DateOnly PaidOn, SourceStamp Stamp) : IInvoiceCommand;

public sealed record ApplyAdjustment(InvoiceKey Key, string AdjustmentId, AdjustmentKind Kind, Money Amount, string Reason, SourceStamp Stamp) : IInvoiceCommand;

public sealed record VoidInvoice(InvoiceKey Key, string Reason, SourceStamp Stamp) : IInvoiceCommand;
