using ActorSync.Domain.Common;

namespace ActorSync.Domain.Invoices;

/// <summary>
/// Business rules of an invoice. The balance (total - payments - adjustments) is kept exact and
/// never goes below zero: a payment or adjustment that would overdraw it is rejected with the
/// amount it exceeds by, so that it reaches the exception queue instead of a wrong ledger.
/// </summary>
public sealed class InvoiceDecider : IDecider<InvoiceState, IInvoiceCommand, IInvoiceEvent>
{
    public static InvoiceDecider Instance { get; } = new();

    public InvoiceState Initial => InvoiceState.Empty;

    public Decision<IInvoiceEvent> Decide(InvoiceState state, IInvoiceCommand command) =>
        Deciding.CheckVersion<IInvoiceEvent>(state.Versions, command.Stamp) ?? command switch
        {
            DraftInvoice c => Draft(state, c),
            IssueInvoice c => Issue(state, c),
            RecordPayment c => Pay(state, c),
            ApplyAdjustment c => Adjust(state, c),
            VoidInvoice c => Void(state, c),
            _ => Decision<IInvoiceEvent>.Reject($"unknown invoice command {command.GetType().Name}"),
        };

    private static Decision<IInvoiceEvent> Draft(InvoiceState state, DraftInvoice c)
    {
        if (state.Status is InvoiceStatus.Issued or InvoiceStatus.Voided)
            return Decision<IInvoiceEvent>.Reject($"the invoice is already {state.Status.ToString().ToLowerInvariant()}; change it with adjustments or void it");
        if (state.LegalEntity is { } owner && owner != c.LegalEntity)
            return Decision<IInvoiceEvent>.Reject($"the invoice belongs to legal entity {owner}, not {c.LegalEntity}");
        if (c.Lines.Count == 0)
            return Decision<IInvoiceEvent>.Reject("an invoice needs at least one line");
        if (c.Lines.FirstOrDefault(l => l.Amount.Currency != c.Currency) is { } foreign)
            return Decision<IInvoiceEvent>.Reject($"line {foreign.LineId} is in {foreign.Amount.Currency}, the invoice in {c.Currency}");
        if (c.Lines.GroupBy(l => l.LineId).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            return Decision<IInvoiceEvent>.Reject($"line id {repeated.Key} appears more than once");
        var total = Money.Sum(c.Lines.Select(l => l.Amount), c.Currency);
        if (total.IsNegative)
            return Decision<IInvoiceEvent>.Reject($"the invoice total {total} is negative; issue a credit note instead");

        if (state.Status == InvoiceStatus.Draft && state.Lines.SequenceEqual(c.Lines) && state.Encounter == c.Encounter && state.ServiceDate == c.ServiceDate)
            return Decision<IInvoiceEvent>.Accept(new SourceVersionRecorded(c.Stamp));
        return Decision<IInvoiceEvent>.Accept(new InvoiceDrafted(c.Key, c.LegalEntity, c.Encounter, c.Currency, c.Lines, c.ServiceDate, total, c.Stamp));
    }

    private static Decision<IInvoiceEvent> Issue(InvoiceState state, IssueInvoice c) => state.Status switch
    {
        InvoiceStatus.None => Decision<IInvoiceEvent>.Reject("the invoice has not been drafted yet"),
        InvoiceStatus.Voided => Decision<IInvoiceEvent>.Reject("the invoice was voided"),
        InvoiceStatus.Issued when state.Payer == c.Payer => Decision<IInvoiceEvent>.Accept(new SourceVersionRecorded(c.Stamp)),
        InvoiceStatus.Issued => Decision<IInvoiceEvent>.Reject($"the invoice was already issued to another payer"),
        _ when string.IsNullOrWhiteSpace(c.Payer) => Decision<IInvoiceEvent>.Reject("an invoice is issued to a payer"),
        _ => Decision<IInvoiceEvent>.Accept(new InvoiceIssued(c.Payer, c.IssueDate, state.Total, c.Stamp)),
    };

    private static Decision<IInvoiceEvent> Pay(InvoiceState state, RecordPayment c)
    {
        if (RefuseMoneyMovement(state, c.Amount, $"payment {c.PaymentId}") is { } refusal)
            return refusal;
        if (state.Payments.TryGetValue(c.PaymentId, out var earlier))
            return earlier == c.Amount
                ? Decision<IInvoiceEvent>.Accept(new SourceVersionRecorded(c.Stamp))
                : Decision<IInvoiceEvent>.Reject($"payment {c.PaymentId} was already recorded as {earlier}, now {c.Amount}");
        if (Overdraws(state, c.Amount, $"payment {c.PaymentId}") is { } overdraw)
            return overdraw;
        return Decision<IInvoiceEvent>.Accept(new PaymentReceived(c.PaymentId, c.Amount, c.PaidOn, state.Balance - c.Amount, c.Stamp));
    }

    private static Decision<IInvoiceEvent> Adjust(InvoiceState state, ApplyAdjustment c)
    {
        if (RefuseMoneyMovement(state, c.Amount, $"adjustment {c.AdjustmentId}") is { } refusal)
            return refusal;
        if (state.Adjustments.TryGetValue(c.AdjustmentId, out var earlier))
            return earlier.Amount == c.Amount && earlier.Kind == c.Kind
                ? Decision<IInvoiceEvent>.Accept(new SourceVersionRecorded(c.Stamp))
                : Decision<IInvoiceEvent>.Reject($"adjustment {c.AdjustmentId} was already applied as {earlier.Kind} {earlier.Amount}");
        if (Overdraws(state, c.Amount, $"adjustment {c.AdjustmentId}") is { } overdraw)
            return overdraw;
        return Decision<IInvoiceEvent>.Accept(new AdjustmentApplied(c.AdjustmentId, c.Kind, c.Amount, c.Reason, state.Balance - c.Amount, c.Stamp));
    }

    private static Decision<IInvoiceEvent>? RefuseMoneyMovement(InvoiceState state, Money amount, string what)
    {
        if (state.Status != InvoiceStatus.Issued)
            return Decision<IInvoiceEvent>.Reject($"{what} needs an issued invoice; the invoice is {state.Status.ToString().ToLowerInvariant()}");
        if (amount.Currency != state.Currency)
            return Decision<IInvoiceEvent>.Reject($"{what} is in {amount.Currency}, the invoice in {state.Currency}");
        if (amount.IsNegative || amount.IsZero)
            return Decision<IInvoiceEvent>.Reject($"{what} must be a positive amount, not {amount}");
        return null;
    }

    private static Decision<IInvoiceEvent>? Overdraws(InvoiceState state, Money amount, string what) =>
        amount > state.Balance
            ? Decision<IInvoiceEvent>.Reject($"{what} of {amount} exceeds the open balance {state.Balance} by {amount - state.Balance}")
            : null;

    private static Decision<IInvoiceEvent> Void(InvoiceState state, VoidInvoice c) => state.Status switch
    {
        InvoiceStatus.None => Decision<IInvoiceEvent>.Reject("the invoice has not been drafted yet"),
        InvoiceStatus.Voided => Decision<IInvoiceEvent>.Accept(new SourceVersionRecorded(c.Stamp)),
        _ when !state.Payments.IsEmpty => Decision<IInvoiceEvent>.Reject($"the invoice has payments of {state.Paid}; refund them before voiding"),
        _ => Decision<IInvoiceEvent>.Accept(new InvoiceVoided(c.Reason, state.Total, c.Stamp)),
    };

    public InvoiceState Apply(InvoiceState state, IInvoiceEvent @event)
    {
        var next = @event switch
        {
            InvoiceDrafted e => state with
            {
                Key = e.Key, LegalEntity = e.LegalEntity, Encounter = e.Encounter, Currency = e.Currency,
                Lines = [.. e.Lines], ServiceDate = e.ServiceDate, Status = InvoiceStatus.Draft,
            },
            InvoiceIssued e => state with { Status = InvoiceStatus.Issued, Payer = e.Payer, IssueDate = e.IssueDate },
            PaymentReceived e => state with { Payments = state.Payments.SetItem(e.PaymentId, e.Amount) },
            AdjustmentApplied e => state with { Adjustments = state.Adjustments.SetItem(e.AdjustmentId, new Adjustment(e.Kind, e.Amount, e.Reason)) },
            InvoiceVoided => state with { Status = InvoiceStatus.Voided },
            _ => state,
        };
        return next with { Versions = Deciding.Record(next.Versions, @event.Stamp) };
    }
}
