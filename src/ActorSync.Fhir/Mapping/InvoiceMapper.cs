using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using Hl7.Fhir.Model;
using Money = ActorSync.Domain.Common.Money;

namespace ActorSync.Fhir.Mapping;

/// <summary>
/// FHIR R4 Invoice (billing platforms that invoice without claims) → an invoice of its own at the
/// issuer's site: drafted with its lines (base and surcharges less discounts and deductions; tax is
/// left to the ERP's tax rules; without lines, one line of <c>totalNet</c>), issued to the
/// recipient when issued or balanced, voided when cancelled or entered in error.
/// </summary>
public sealed class InvoiceMapper(ISiteDirectory sites)
{
    public MappingResult Map(Invoice invoice, SourceStamp stamp)
    {
        if (string.IsNullOrEmpty(invoice.Id))
            return new MappingResult.Parked("the Invoice has no id");
        var what = $"Invoice/{invoice.Id}";
        var site = sites.Resolve(FhirValues.Reference(invoice.Issuer, "Organization"), null, null, out var reason);
        if (site is null)
            return new MappingResult.Parked($"{what}: {reason}");
        var key = new InvoiceKey(site.Site, new InvoiceId(invoice.Id));
        if (invoice.Status is Invoice.InvoiceStatus.Cancelled or Invoice.InvoiceStatus.EnteredInError)
            return new MappingResult.Mapped([new VoidInvoice(key, $"the Invoice is {invoice.Status}", stamp)]);

        var currencyCode = invoice.TotalNet?.Currency?.ToString() ?? invoice.TotalGross?.Currency?.ToString()
            ?? invoice.LineItem.SelectMany(l => l.PriceComponent).Select(p => p.Amount?.Currency?.ToString()).FirstOrDefault(c => c is not null);
        if (!Currency.IsKnown(currencyCode))
            return new MappingResult.Parked($"{what}: currency {currencyCode ?? "(none)"} is not supported");
        var currency = Currency.Of(currencyCode!);
        var lines = invoice.LineItem.Count > 0
            ? invoice.LineItem.Select((l, i) => Line(l, i, currency, site.Department)).ToList()
            : invoice.TotalNet?.Value is { } net ? [new InvoiceLine("1", "total", "Invoice total", 1m, Money.Of(net, currency), site.Department)] : [];
        if (lines.Count == 0)
            return new MappingResult.Parked($"{what} has neither lines nor totalNet");

        var date = FhirValues.Day(invoice.DateElement) ?? DateOnly.FromDateTime(stamp.ReceivedAt.UtcDateTime);
        var commands = new List<ICommand> { new DraftInvoice(key, site.LegalEntity, null, currency, lines, date, stamp with { Part = "draft" }) };
        if (invoice.Status is Invoice.InvoiceStatus.Issued or Invoice.InvoiceStatus.Balanced)
            commands.Add(new IssueInvoice(key, FhirValues.Payer(invoice.Recipient?.Display), date, stamp with { Part = "issue" }));
        return new MappingResult.Mapped(commands);
    }

    private static InvoiceLine Line(Invoice.LineItemComponent item, int index, Currency currency, DepartmentId? department)
    {
        var amount = item.PriceComponent.Sum(p => p.Type switch
        {
            InvoicePriceComponentType.Base or InvoicePriceComponentType.Surcharge => p.Amount?.Value ?? 0m,
            InvoicePriceComponentType.Discount or InvoicePriceComponentType.Deduction => -(p.Amount?.Value ?? 0m),
            _ => 0m, // tax and informational components: the ERP's tax rules apply
        });
        var code = item.ChargeItem as CodeableConcept;
        var coding = code?.Coding.FirstOrDefault();
        return new InvoiceLine((item.Sequence ?? index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            coding?.Code ?? (item.ChargeItem as ResourceReference)?.Reference ?? "", code?.Text ?? coding?.Display ?? "", 1m, Money.Of(amount, currency), department);
    }
}
