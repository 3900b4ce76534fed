using System.Globalization;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using Hl7.Fhir.Model;
using FhirMoney = Hl7.Fhir.Model.Money;
using Money = ActorSync.Domain.Common.Money;

namespace ActorSync.Fhir.Mapping;

/// <summary>
/// FHIR R4 Claim → the invoice it drafts and the charges it puts on its encounter.
/// Rules (docs/mapping.md): priced lines keep their <c>net</c>. When the priced lines already add up
/// to <c>Claim.total</c>, unpriced lines cost nothing. Otherwise the first unpriced line carries
/// <c>Claim.total</c>: Synthea prices the encounter itself only in the total, and its EOBs submit
/// the total for the encounter and the line nets for the lines. Fully priced lines that disagree
/// with the total park the claim. Pharmacy claims have no ExplanationOfBenefit, so they are issued
/// to their focal coverage when drafted.
/// </summary>
public sealed class ClaimMapper(ISiteDirectory sites)
{
    /// <param name="encounterIdOf">Resolves an encounter reference (urn:uuid inside the bundle, or literal) to the encounter's id.</param>
    public MappingResult Map(Claim claim, SourceStamp stamp, Func<string, string?> encounterIdOf)
    {
        if (string.IsNullOrEmpty(claim.Id))
            return new MappingResult.Parked("the Claim has no id");
        var what = $"Claim/{claim.Id}";
        if (claim.Total?.Value is not { } totalValue)
            return new MappingResult.Parked($"{what} has no total");
        if (!Currency.IsKnown(claim.Total.Currency?.ToString()))
            return new MappingResult.Parked($"{what}: currency {claim.Total.Currency} is not supported");
        var currency = Currency.Of(claim.Total.Currency.ToString());
        var site = sites.Resolve(claim.Provider?.Reference, claim.Facility?.Reference, null, out var reason);
        if (site is null)
            return new MappingResult.Parked($"{what}: {reason}");

        var encounterReference = claim.Item.SelectMany(i => i.Encounter).Select(e => e.Reference).FirstOrDefault(r => r is not null);
        var encounterId = encounterReference is null ? null : encounterIdOf(encounterReference);
        if (encounterReference is not null && encounterId is null)
            return new MappingResult.Parked($"{what}: encounter {encounterReference} is not known yet");
        var encounter = encounterId is null ? (EncounterKey?)null : new EncounterKey(site.Site, new EncounterId(encounterId));

        var lines = Lines(claim, currency, site.Department, Money.Of(totalValue, currency), out var problem);
        if (lines is null)
            return new MappingResult.Parked($"{what}: {problem}");

        var serviceDate = FhirValues.Day(claim.BillablePeriod?.StartElement) ?? FhirValues.Day(claim.CreatedElement) ?? DateOnly.FromDateTime(stamp.ReceivedAt.UtcDateTime);
        var invoice = new InvoiceKey(site.Site, new InvoiceId(claim.Id));
        var commands = new List<ICommand>
        {
            new DraftInvoice(invoice, site.LegalEntity, encounter, currency, lines, serviceDate, stamp),
        };
        if (encounter is { } key)
        {
            var at = FhirValues.Instant(claim.BillablePeriod?.StartElement) ?? stamp.ReceivedAt;
            commands.AddRange(lines.Select(l => new CaptureCharge(key,
                new ChargeLine($"{claim.Id}#{l.LineId}", l.Code, l.Description, l.Quantity, l.Amount, l.Department, at),
                stamp with { Part = l.LineId })));
        }
        if (claim.Type?.Coding.FirstOrDefault()?.Code == "pharmacy")
            commands.Add(new IssueInvoice(invoice, Payer(claim), FhirValues.Day(claim.CreatedElement) ?? serviceDate, stamp with { Part = "issue" }));
        return new MappingResult.Mapped(commands);
    }

    private static List<InvoiceLine>? Lines(Claim claim, Currency currency, DepartmentId? department, Money total, out string? problem)
    {
        var lines = claim.Item.Select(item => new InvoiceLine(
            (item.Sequence ?? 0).ToString(CultureInfo.InvariantCulture),
            item.ProductOrService?.Coding.FirstOrDefault()?.Code ?? "unknown",
            item.ProductOrService?.Text ?? item.ProductOrService?.Coding.FirstOrDefault()?.Display ?? "",
            item.Quantity?.Value ?? 1m,
            Priced(item.Net, currency) ?? Money.Zero(currency),
            department)).ToList();
        var itemised = Money.Sum(lines.Select(l => l.Amount), currency);
        problem = null;
        if (itemised == total)
            return lines;
        var unpriced = claim.Item.FindIndex(i => Priced(i.Net, currency) is null);
        if (unpriced < 0)
        {
            problem = $"its lines add up to {itemised}, its total is {total}";
            return null;
        }
        lines[unpriced] = lines[unpriced] with { Amount = total };
        return lines;
    }

    private static Money? Priced(FhirMoney? net, Currency currency) => net?.Value is { } value ? Money.Of(value, currency) : null;

    /// <summary>The payer is an organization (the focal coverage's payer), never the patient.</summary>
    private static string Payer(Claim claim)
    {
        var coverage = claim.Insurance.FirstOrDefault(i => i.Focal == true) ?? claim.Insurance.FirstOrDefault();
        var name = coverage?.Coverage?.Display;
        return FhirValues.Payer(name);
    }
}
