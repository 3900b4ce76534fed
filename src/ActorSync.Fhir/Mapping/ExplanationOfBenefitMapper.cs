using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using Hl7.Fhir.Model;
using Money = ActorSync.Domain.Common.Money;

namespace ActorSync.Fhir.Mapping;

/// <summary>
/// FHIR R4 ExplanationOfBenefit → what the payer did with the claim's invoice: issued to the payer,
/// the payment it made, and the contractual allowance (submitted − allowed over the lines). What
/// stays open (coinsurance, deductible) is the patient's share and remains the invoice's balance.
/// </summary>
public sealed class ExplanationOfBenefitMapper
{
    private const string Submitted = "line_sbmtd_chrg_amt";
    private const string Allowed = "line_alowd_chrg_amt";

    /// <param name="invoiceOf">The invoice the referenced claim drafted (urn:uuid inside the bundle, or literal), if known.</param>
    public MappingResult Map(ExplanationOfBenefit eob, SourceStamp stamp, Func<string, InvoiceKey?> invoiceOf)
    {
        if (string.IsNullOrEmpty(eob.Id))
            return new MappingResult.Parked("the ExplanationOfBenefit has no id");
        var what = $"ExplanationOfBenefit/{eob.Id}";
        if (eob.Claim?.Reference is not { Length: > 0 } claimReference)
            return new MappingResult.Parked($"{what} names no claim");
        if (invoiceOf(claimReference) is not { } invoice)
            return new MappingResult.Parked($"{what}: claim {claimReference} is not known yet");

        var issued = FhirValues.Day(eob.CreatedElement) ?? DateOnly.FromDateTime(stamp.ReceivedAt.UtcDateTime);
        var commands = new List<ICommand> { new IssueInvoice(invoice, Payer(eob), issued, stamp with { Part = "issue" }) };

        if (eob.Payment?.Amount is { Value: > 0m } paid)
        {
            if (!Currency.IsKnown(paid.Currency?.ToString()))
                return new MappingResult.Parked($"{what}: currency {paid.Currency} is not supported");
            var amount = Money.Of(paid.Value.Value, Currency.Of(paid.Currency.ToString()));
            commands.Add(new RecordPayment(invoice, eob.Id, amount, FhirValues.Day(eob.Payment.DateElement) ?? issued, stamp with { Part = "payment" }));
        }

        var allowance = Sum(eob, Submitted) - Sum(eob, Allowed);
        if (allowance > 0m && AdjudicationCurrency(eob) is { } currency)
        {
            commands.Add(new ApplyAdjustment(invoice, $"{eob.Id}/allowance", AdjustmentKind.ContractualAllowance,
                Money.Of(allowance, currency), "contractual allowance: submitted less allowed", stamp with { Part = "allowance" }));
        }
        return new MappingResult.Mapped(commands);
    }

    private static decimal Sum(ExplanationOfBenefit eob, string category) =>
        eob.Item.SelectMany(i => i.Adjudication)
            .Where(a => a.Category?.Coding.Any(c => c.Code?.EndsWith(category, StringComparison.Ordinal) == true) == true)
            .Sum(a => a.Amount?.Value ?? 0m);

    private static Currency? AdjudicationCurrency(ExplanationOfBenefit eob) =>
        eob.Item.SelectMany(i => i.Adjudication).Select(a => a.Amount?.Currency?.ToString()).FirstOrDefault(Currency.IsKnown) is { } code
            ? Currency.Of(code)
            : null;

    /// <summary>The paying organization, never the patient: insurer, else the focal coverage, else self-pay.</summary>
    private static string Payer(ExplanationOfBenefit eob)
    {
        var name = eob.Insurer?.Display
            ?? (eob.Insurance.FirstOrDefault(i => i.Focal == true) ?? eob.Insurance.FirstOrDefault())?.Coverage?.Display;
        return FhirValues.Payer(name);
    }
}
