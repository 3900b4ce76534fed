using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using Hl7.Fhir.Model;
using Money = ActorSync.Domain.Common.Money;

namespace ActorSync.Fhir.Mapping;

/// <summary>
/// FHIR R4 PaymentNotice and PaymentReconciliation → payments on the invoices of the claims (or
/// invoices) they pay. A payment is identified by the reconciliation and the request it pays, so
/// a notice and the reconciliation detail for the same payment record it once. Cancelled or
/// erroneous payments are parked: reversing money is a decision for a person.
/// </summary>
public sealed class PaymentMapper
{
    /// <param name="invoiceOf">The invoice a referenced Claim or Invoice drafted, if known.</param>
    public MappingResult Map(PaymentNotice notice, SourceStamp stamp, Func<string, InvoiceKey?> invoiceOf)
    {
        if (string.IsNullOrEmpty(notice.Id))
            return new MappingResult.Parked("the PaymentNotice has no id");
        var what = $"PaymentNotice/{notice.Id}";
        if (notice.Status is not FinancialResourceStatusCodes.Active)
            return new MappingResult.Parked($"{what} is {notice.Status}: reversing a payment needs a person's decision");
        if (notice.Request?.Reference is not { Length: > 0 } request)
            return new MappingResult.Parked($"{what} names no request (the claim or invoice it pays)");
        if (invoiceOf(request) is not { } invoice)
            return new MappingResult.Parked($"{what}: {request} is not known yet");
        if (Amount(notice.Amount) is not { } amount)
            return new MappingResult.Parked($"{what}: amount {notice.Amount?.Value} {notice.Amount?.Currency} is not a supported positive amount");
        var paymentId = notice.Payment?.Reference is { Length: > 0 } reconciliation ? $"{reconciliation}|{request}" : what;
        var paidOn = FhirValues.Day(notice.PaymentDateElement) ?? FhirValues.Day(notice.CreatedElement) ?? DateOnly.FromDateTime(stamp.ReceivedAt.UtcDateTime);
        return new MappingResult.Mapped([new RecordPayment(invoice, paymentId, amount, paidOn, stamp)]);
    }

    public MappingResult Map(PaymentReconciliation reconciliation, SourceStamp stamp, Func<string, InvoiceKey?> invoiceOf)
    {
        if (string.IsNullOrEmpty(reconciliation.Id))
            return new MappingResult.Parked("the PaymentReconciliation has no id");
        var what = $"PaymentReconciliation/{reconciliation.Id}";
        if (reconciliation.Status is not FinancialResourceStatusCodes.Active || reconciliation.Outcome == ClaimProcessingCodes.Error)
            return new MappingResult.Parked($"{what} is {reconciliation.Status}{(reconciliation.Outcome == ClaimProcessingCodes.Error ? " with outcome error" : "")}: reversing a payment needs a person's decision");
        var payments = reconciliation.Detail.Where(d => d.Type?.Coding.FirstOrDefault()?.Code is null or "payment").ToList();
        if (payments.Count == 0)
            return new MappingResult.Parked($"{what} has no payment details");

        var commands = new List<ICommand>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < payments.Count; i++)
        {
            var detail = payments[i];
            // A detail that names its claim only by identifier cannot be followed: the whole reconciliation waits, so none of it is half applied.
            if (detail.Request?.Reference is not { Length: > 0 } request)
                return new MappingResult.Parked($"{what}: detail {i + 1} names its request only by identifier");
            if (invoiceOf(request) is not { } invoice)
                return new MappingResult.Parked($"{what}: detail {i + 1} pays {request}, which is not known yet");
            if (Amount(detail.Amount) is not { } amount)
                return new MappingResult.Parked($"{what}: detail {i + 1} has no supported positive amount");
            var repeat = seen[request] = seen.GetValueOrDefault(request) + 1;
            var paymentId = $"{what}|{request}" + (repeat > 1 ? $"#{repeat}" : "");
            var paidOn = FhirValues.Day(detail.DateElement) ?? FhirValues.Day(reconciliation.PaymentDateElement) ?? DateOnly.FromDateTime(stamp.ReceivedAt.UtcDateTime);
            commands.Add(new RecordPayment(invoice, paymentId, amount, paidOn, stamp with { Part = $"detail-{i + 1}" }));
        }
        return new MappingResult.Mapped(commands);
    }

    private static Money? Amount(Hl7.Fhir.Model.Money? amount) =>
        amount?.Value is > 0m && Currency.IsKnown(amount.Currency?.ToString()) ? Money.Of(amount.Value.Value, Currency.Of(amount.Currency.ToString()!)) : null;
}
