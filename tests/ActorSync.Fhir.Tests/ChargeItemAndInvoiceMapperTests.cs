using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Fhir.Mapping;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>ChargeItem → a charge on its encounter; FHIR Invoice → an invoice of its own, issued or voided with its status.</summary>
public sealed class ChargeItemAndInvoiceMapperTests
{
    private static readonly SourceContext Context = new(new SourceId("billing"), new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));

    // The cardiology department is known to the configuration by its identifier only, as in the HL7 examples.
    private static readonly NetworkDirectory Directory = TestMapping.NorthwindGeneral(["Organization/nw-general", "http://myhospital/NamingSystem/departments|CARD_INTERMEDIATE_CARE"]);

    private static EntryResult MapOne(string resource) => TestMapping.MapOne(TestMapping.Mapper(Directory), resource, Context);

    private const string ChargeItem = """
        {"resourceType":"ChargeItem","id":"ci-1","status":"billable","code":{"coding":[{"code":"99283","display":"ED visit, moderate"}]},
         "subject":{"reference":"Patient/p-1"},"context":{"reference":"Encounter/enc-5"},"occurrenceDateTime":"2026-03-14T10:00:00Z",
         "performingOrganization":{"reference":"Organization/nw-general"},"quantity":{"value":2},"priceOverride":{"value":180.50,"currency":"USD"}}
        """;

    [Fact]
    public void A_billable_charge_item_is_a_charge_on_its_encounter_and_an_erroneous_one_voids_it()
    {
        var capture = Assert.IsType<CaptureCharge>(Assert.Single(MapOne(ChargeItem).Commands));
        var voided = Assert.IsType<VoidCharge>(Assert.Single(MapOne(ChargeItem.Replace("billable", "entered-in-error", StringComparison.Ordinal)).Commands));

        Assert.Equal(new EncounterKey(new SiteId("nw-general"), new EncounterId("enc-5")), capture.Key);
        Assert.Equal(("ChargeItem/ci-1", "99283", 2m, Money.Of(180.50m, Currency.Usd)), (capture.Charge.ChargeId, capture.Charge.Code, capture.Charge.Quantity, capture.Charge.Amount));
        Assert.Equal(capture.Charge.ChargeId, voided.ChargeId);
    }

    [Theory]
    [InlineData("\"priceOverride\":{\"value\":180.50,\"currency\":\"USD\"}", "\"factorOverride\":0.8", "no price")]
    [InlineData("\"context\":{\"reference\":\"Encounter/enc-5\"},", "", "names no encounter")]
    [InlineData("Organization/nw-general", "Organization/elsewhere", "not a site")]
    public void A_charge_item_that_cannot_be_applied_is_parked_with_the_reason(string original, string replacement, string reason)
    {
        var result = MapOne(ChargeItem.Replace(original, replacement, StringComparison.Ordinal));

        Assert.Equal(EntryKind.Parked, result.Kind);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    private const string Invoice = """
        {"resourceType":"Invoice","id":"inv-7","status":"issued","date":"2026-03-15","issuer":{"reference":"Organization/nw-general"},
         "recipient":{"display":"Acme Health Plan"},
         "lineItem":[{"sequence":1,"chargeItemCodeableConcept":{"coding":[{"code":"99283"}],"text":"ED visit"},
                      "priceComponent":[{"type":"base","amount":{"value":200,"currency":"USD"}},{"type":"discount","amount":{"value":20,"currency":"USD"}},{"type":"tax","amount":{"value":9,"currency":"USD"}}]}],
         "totalNet":{"value":180,"currency":"USD"},"totalGross":{"value":189,"currency":"USD"}}
        """;

    [Fact]
    public void An_issued_invoice_is_drafted_with_its_lines_less_discounts_without_tax_and_issued_to_the_recipient()
    {
        var result = MapOne(Invoice);

        var draft = Assert.IsType<DraftInvoice>(result.Commands[0]);
        var issue = Assert.IsType<IssueInvoice>(result.Commands[1]);
        Assert.Equal(new InvoiceKey(new SiteId("nw-general"), new InvoiceId("inv-7")), draft.Key);
        Assert.Equal(Money.Of(180m, Currency.Usd), Assert.Single(draft.Lines).Amount);
        Assert.Equal(("Acme Health Plan", new DateOnly(2026, 3, 15)), (issue.Payer, issue.IssueDate));
        Assert.IsType<VoidInvoice>(Assert.Single(MapOne(Invoice.Replace("\"issued\"", "\"cancelled\"", StringComparison.Ordinal)).Commands));
    }

    [FixtureFact]
    public void The_hl7_examples_resolve_their_issuer_by_identifier()
    {
        var folder = Path.Combine(SharedFixtures.Folder!, "examples", "hl7-fhir-r4-4.0.1");

        var invoice = MapOne(File.ReadAllText(Path.Combine(folder, "Invoice-example.json")));
        var charge = MapOne(File.ReadAllText(Path.Combine(folder, "ChargeItem-example.json")));

        // The invoice has no lines: one line of its net total, 40 EUR (the 8 EUR of tax are the ERP's to compute).
        Assert.Equal(EntryKind.Mapped, invoice.Kind);
        Assert.Equal(Money.Of(40m, Currency.Eur), Assert.Single(Assert.IsType<DraftInvoice>(invoice.Commands[0]).Lines).Amount);
        Assert.Equal(EntryKind.Mapped, charge.Kind);
        Assert.Equal(new EncounterKey(new SiteId("nw-general"), new EncounterId("example")), Assert.IsType<CaptureCharge>(Assert.Single(charge.Commands)).Key);
    }
}
