using ActorSync.Domain.Common;
using ActorSync.Domain.Items;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Hl7.Fhir.Model;
using Xunit;
using Quantity = ActorSync.Domain.Common.Quantity;

namespace ActorSync.Fhir.Tests;

public sealed class SupplyDeliveryMapperTests
{
    private static readonly FhirResourceParser Parser = new();
    private static readonly SourceContext Context = new(new SourceId("materials"), new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));
    private static readonly SiteResolution Ward = new(new SiteId("nw-general"), new LegalEntityId("northwind-health"), new DepartmentId("inpatient"));

    private sealed class Directory : ISiteDirectory
    {
        public SiteResolution? Resolve(string? organizationReference, string? locationReference, string? encounterClass, out string? reason)
        {
            reason = locationReference == "Location/ward-3" ? null : $"location {locationReference} is not a known department";
            return reason is null ? Ward : null;
        }
    }

    private sealed class Catalog(Func<ItemId, bool> knows) : IItemCatalog
    {
        public Unit? SourceUnit(SiteId site, ItemId item) => knows(item) ? new Unit("box") : null;
    }

    private static readonly SupplyDeliveryMapper Mapper = new(new Directory(), new Catalog(i => i.Value == "706437002"));

    private static string Delivery(string status, string quantity, string destination = "", string code = "706437002") => $$$"""
        {"resourceType":"SupplyDelivery","id":"sd-1","status":"{{{status}}}",
         "suppliedItem":{"quantity":{{{quantity}}},"itemCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"{{{code}}}"}]}},
         "occurrenceDateTime":"2026-03-14T07:43:49+01:00"{{{destination}}}}
        """;

    private static MappingResult Map(string json, SiteResolution? sourceSite = null)
    {
        var (delivery, stamp) = TestResources.Read<SupplyDelivery>(json, Context);
        return Mapper.Map(delivery, stamp, sourceSite);
    }

    [Fact]
    public void A_completed_delivery_to_a_ward_is_consumption_there_in_the_item_unit_when_none_is_given()
    {
        var mapped = Assert.IsType<MappingResult.Mapped>(Map(Delivery("completed", """{"value":2}""", ""","destination":{"reference":"Location/ward-3"}""")));

        var consume = Assert.IsType<ConsumeItem>(Assert.Single(mapped.Commands));
        Assert.Equal(new ItemKey(new SiteId("nw-general"), new ItemId("706437002")), consume.Key);
        Assert.Equal(Quantity.Of(2m, "box"), consume.Quantity);
        Assert.Equal(new DepartmentId("inpatient"), consume.Department);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 6, 43, 49, TimeSpan.Zero), consume.At);
    }

    [Fact]
    public void A_unit_the_source_gives_is_kept_so_the_item_can_refuse_it()
    {
        var mapped = Assert.IsType<MappingResult.Mapped>(Map(Delivery("completed", """{"value":3,"unit":"bottle"}"""), Ward));
        Assert.Equal(Quantity.Of(3m, "bottle"), Assert.IsType<ConsumeItem>(Assert.Single(mapped.Commands)).Quantity);
    }

    [Theory]
    [InlineData("completed", "", "no destination")]
    [InlineData("entered-in-error", "", "needs a person's decision")]
    public void Deliveries_that_cannot_be_placed_or_undone_are_parked(string status, string destination, string reason)
    {
        var parked = Assert.IsType<MappingResult.Parked>(Map(Delivery(status, """{"value":2}""", destination)));
        Assert.Contains(reason, parked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmapped_item_code_is_parked_with_the_code_and_site()
    {
        var parked = Assert.IsType<MappingResult.Parked>(Map(Delivery("completed", """{"value":2}""", code: "999999"), Ward));
        Assert.Contains("item 999999 is not mapped", parked.Reason, StringComparison.Ordinal);
        Assert.Contains("nw-general", parked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivery_still_in_progress_changes_nothing()
    {
        Assert.Empty(Assert.IsType<MappingResult.Mapped>(Map(Delivery("in-progress", """{"value":2}"""), Ward)).Commands);
    }

    [FixtureFact]
    public void Every_synthea_supply_delivery_becomes_a_consumption_the_item_accepts()
    {
        var mapper = new SupplyDeliveryMapper(new Directory(), new Catalog(_ => true));
        var items = new Dictionary<ItemKey, ItemState>();
        var consumed = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(SharedFixtures.Synthea, "*.json", SearchOption.AllDirectories))
        {
            Assert.True(BundleReader.TryRead(File.ReadAllBytes(file), out var bundle, out _));
            foreach (var entry in bundle!.Entries)
            {
                Assert.True(ResourceHeader.TryRead(entry.Resource, out var header, out _));
                if (header.ResourceType != "SupplyDelivery")
                    continue;
                var delivery = (SupplyDelivery)Parser.Parse(entry.Resource).Resource!;
                var command = Assert.IsType<ConsumeItem>(Assert.Single(Assert.IsType<MappingResult.Mapped>(
                    mapper.Map(delivery, SourceStamps.For(Context, header, entry.Resource), Ward)).Commands));
                var state = items.GetValueOrDefault(command.Key) ?? Mapped(command.Key);
                var decision = ItemDecider.Instance.Decide(state, command);
                Assert.True(decision.Outcome == Outcome.Accepted, decision.Reason);
                items[command.Key] = decision.Events.Aggregate(state, ItemDecider.Instance.Apply);
                consumed++;
            }
        }
        Assert.Equal(527, consumed);
        Assert.Equal(20, items.Count);
    }

    private static ItemState Mapped(ItemKey key)
    {
        var map = new MapItem(key, Ward.LegalEntity, "P-" + key.Item, new UnitConversion(new Unit("box"), new Unit("each"), 10m), 0m, 0m,
            new SourceStamp(new SourceId("configuration"), "ItemMapping", key.ToString(), 0, "f", Context.ReceivedAt));
        var decision = ItemDecider.Instance.Decide(ItemDecider.Instance.Initial, map);
        return decision.Events.Aggregate(ItemDecider.Instance.Initial, ItemDecider.Instance.Apply);
    }
}
