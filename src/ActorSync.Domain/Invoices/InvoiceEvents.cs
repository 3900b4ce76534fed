using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;

namespace ActorSync.Domain.Invoices;

public interface IInvoiceEvent : IEvent;

public sealed record InvoiceDrafted(
    InvoiceKey Key,
    LegalEntityId LegalEntity,
    EncounterKey? Encounter,
    Currency Currency,
    IReadOnlyList<InvoiceLine> Lines,
    DateOnly ServiceDate,
    Money Total,
    SourceStamp Stamp) : IInvoiceEvent;

public sealed record InvoiceIssued(string Payer, DateOnly IssueDate, Money Total, SourceStamp Stamp) : IInvoiceEvent;

public sealed record PaymentReceived(string PaymentId, Money Amount, DateOnly PaidOn, Money BalanceAfter, SourceStamp Stamp) : IInvoiceEvent;

public sealed record AdjustmentApplied(string AdjustmentId, AdjustmentKind Kind, Money Amount, string Reason, Money BalanceAfter, SourceStamp Stamp) : IInvoiceEvent;

public sealed record InvoiceVoided(string Reason, Money Total, SourceStamp Stamp) : IInvoiceEvent;
