using ActorSync.Domain.Common;
using ActorSync.Domain.Items;
using Hl7.Fhir.Model;
using Quantity = ActorSync.Domain.Common.Quantity;

namespace ActorSync.Fhir.Mapping;

/// <summary>The supply items mapped at each site, with the unit a source counts them in.</summary>
public interface IItemCatalog
{
    /// <summary>The unit a quantity without a unit is in, or null when the item is not mapped at the site.</summary>
    Unit? SourceUnit(SiteId site, ItemId item);
}

/// <summary>
/// FHIR R4 SupplyDelivery → consumption of a supply item at a site. A completed delivery to a ward
/// is stock used there. The site comes from <c>destination</c>, else from the sending source's own
/// site (Synthea's deliveries name neither supplier nor destination); a quantity without a unit is
/// in the item's configured source unit; the item entity converts to the ERP unit and refuses
/// units that do not fit. Deliveries not completed yet change nothing; abandoned or
/// entered-in-error ones are parked, since undoing stock is a decision for a person.
/// </summary>
public sealed class SupplyDeliveryMapper(ISiteDirectory sites, IItemCatalog items)
{
    public MappingResult Map(SupplyDelivery delivery, SourceStamp stamp, SiteResolution? sourceSite)
    {
        if (string.IsNullOrEmpty(delivery.Id))
            return new MappingResult.Parked("the SupplyDelivery has no id");
        var what = $"SupplyDelivery/{delivery.Id}";
        switch (delivery.Status)
        {
            case SupplyDelivery.SupplyDeliveryStatus.InProgress:
                return new MappingResult.Mapped([]);
            case SupplyDelivery.SupplyDeliveryStatus.Abandoned or SupplyDelivery.SupplyDeliveryStatus.EnteredInError:
                return new MappingResult.Parked($"{what} is {delivery.Status}: reversing stock needs a person's decision");
        }

        string? reason = null;
        var site = delivery.Destination?.Reference is { } destination
            ? sites.Resolve(null, destination, null, out reason)
            : sourceSite;
        if (site is null)
            return new MappingResult.Parked($"{what}: {reason ?? "no destination, and the source serves more than one site"}");

        if (delivery.SuppliedItem?.Item is not CodeableConcept { Coding: [{ Code: { Length: > 0 } code }, ..] })
            return new MappingResult.Parked($"{what} names no item code");
        var item = new ItemId(code);
        if (items.SourceUnit(site.Site, item) is not { } itemUnit)
            return new MappingResult.Parked($"{what}: item {code} is not mapped to an ERP product at site {site.Site}");
        if (delivery.SuppliedItem.Quantity?.Value is not { } value)
            return new MappingResult.Parked($"{what} has no quantity");
        var unitCode = delivery.SuppliedItem.Quantity.Code ?? delivery.SuppliedItem.Quantity.Unit;
        var quantity = new Quantity(value, string.IsNullOrWhiteSpace(unitCode) ? itemUnit : new Unit(unitCode));

        var at = FhirValues.Instant(delivery.Occurrence as FhirDateTime) ?? stamp.ReceivedAt;
        return new MappingResult.Mapped([new ConsumeItem(new ItemKey(site.Site, item), delivery.Id, quantity, site.Department, at, stamp)]);
    }
}
