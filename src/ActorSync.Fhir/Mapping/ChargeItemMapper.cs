using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using Hl7.Fhir.Model;
using Money = ActorSync.Domain.Common.Money;

namespace ActorSync.Fhir.Mapping;

/// <summary>
/// FHIR R4 ChargeItem → a charge on its encounter (<c>context</c>) at the site of the performing
/// (else requesting) organization or cost center. The amount is <c>priceOverride</c>, the charge's
/// total: pricing through ChargeItemDefinition is not done here, so an unpriced item is parked.
/// Planned items change nothing yet; entered-in-error, not-billable and aborted ones void the charge.
/// </summary>
public sealed class ChargeItemMapper(ISiteDirectory sites)
{
    public MappingResult Map(ChargeItem item, SourceStamp stamp, Func<string, string?> encounterIdOf)
    {
        if (string.IsNullOrEmpty(item.Id))
            return new MappingResult.Parked("the ChargeItem has no id");
        var what = $"ChargeItem/{item.Id}";
        if (item.Status is ChargeItem.ChargeItemStatus.Planned or ChargeItem.ChargeItemStatus.Unknown)
            return new MappingResult.Mapped([]);
        var organization = FhirValues.Reference(item.PerformingOrganization, "Organization")
            ?? FhirValues.Reference(item.RequestingOrganization, "Organization")
            ?? FhirValues.Reference(item.CostCenter, "Organization");
        var site = sites.Resolve(organization, null, null, out var reason);
        if (site is null)
            return new MappingResult.Parked($"{what}: {reason}");
        if (item.Context?.Reference is not { Length: > 0 } context || !context.Contains("Encounter", StringComparison.Ordinal) && !context.StartsWith("urn:", StringComparison.Ordinal))
            return new MappingResult.Parked($"{what} names no encounter (context)");
        if (encounterIdOf(context) is not { } encounterId)
            return new MappingResult.Parked($"{what}: encounter {context} is not known yet");
        var encounter = new EncounterKey(site.Site, new EncounterId(encounterId));
        var chargeId = what;

        if (item.Status is ChargeItem.ChargeItemStatus.EnteredInError or ChargeItem.ChargeItemStatus.NotBillable or ChargeItem.ChargeItemStatus.Aborted)
            return new MappingResult.Mapped([new VoidCharge(encounter, chargeId, $"the ChargeItem is {item.Status}", stamp)]);

        if (item.PriceOverride?.Value is not { } price || !Currency.IsKnown(item.PriceOverride.Currency?.ToString()))
            return new MappingResult.Parked($"{what} has no price in a supported currency (priceOverride); pricing by ChargeItemDefinition is not supported");
        var coding = item.Code?.Coding.FirstOrDefault();
        var line = new ChargeLine(chargeId, coding?.Code ?? item.Code?.Text ?? "", item.Code?.Text ?? coding?.Display ?? "", item.Quantity?.Value ?? 1m,
            Money.Of(price, Currency.Of(item.PriceOverride.Currency.ToString()!)), site.Department,
            FhirValues.Instant(item.Occurrence as FhirDateTime) ?? FhirValues.Instant((item.Occurrence as Hl7.Fhir.Model.Period)?.StartElement)
                ?? FhirValues.Instant(item.EnteredDateElement) ?? stamp.ReceivedAt);
        return new MappingResult.Mapped([new CaptureCharge(encounter, line, stamp)]);
    }
}
