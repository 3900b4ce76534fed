using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Hl7.Fhir.Model;
using Xunit;
using Money = ActorSync.Domain.Common.Money;

namespace ActorSync.Fhir.Tests;

public sealed class ClaimMapperTests
{
    private static readonly FhirResourceParser Parser = new();
    private static readonly SourceContext Context = new(new SourceId("billing"), new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));

    private sealed class AnySite : ISiteDirectory
    {
        public SiteResolution? Resolve(string? organizationReference, string? locationReference, string? encounterClass, out string? reason)
        {
            reason = organizationReference is null ? "the claim names no provider" : null;
            return reason is null ? new SiteResolution(new SiteId("nw-general"), new LegalEntityId("northwind-health"), null) : null;
        }
    }

    private static readonly ClaimMapper Mapper = new(new AnySite());

    private static string Claim(string type, string items, decimal total, string coverage = "UnitedHealthcare") => $$$"""
        {"resourceType":"Claim","id":"claim-1","status":"active",
         "type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"{{{type}}}"}]},
         "use":"claim","patient":{"reference":"urn:uuid:patient-1"},
         "billablePeriod":{"start":"2026-03-14T09:30:00+00:00","end":"2026-03-14T10:30:00+00:00"},
         "created":"2026-03-14T10:30:00+00:00","provider":{"reference":"Organization/nw-general"},
         "priority":{"coding":[{"code":"normal"}]},
         "insurance":[{"sequence":1,"focal":true,"coverage":{"display":"{{{coverage}}}"}}],
         "item":[{{{items}}}],
         "total":{"value":{{{total.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"currency":"USD"}}
        """;

    private const string EncounterLine = """{"sequence":1,"productOrService":{"coding":[{"system":"http://snomed.info/sct","code":"185347001","display":"Encounter for problem"}],"text":"Encounter for problem"},"encounter":[{"reference":"urn:uuid:enc-1"}]}""";
    private const string PricedLine = """{"sequence":2,"productOrService":{"coding":[{"system":"http://snomed.info/sct","code":"430193006"}],"text":"Medication reconciliation"},"net":{"value":23278.016000000007,"currency":"USD"}}""";

    private static MappingResult Map(string json, Func<string, string?>? encounters = null)
    {
        var (claim, stamp) = TestResources.Read<Claim>(json, Context);
        return Mapper.Map(claim, stamp, encounters ?? (r => r.Replace("urn:uuid:", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_unpriced_encounter_line_carries_the_claim_total_beside_the_priced_lines()
    {
        var mapped = Assert.IsType<MappingResult.Mapped>(Map(Claim("institutional", EncounterLine + "," + PricedLine, 77.49m)));

        var draft = Assert.IsType<DraftInvoice>(mapped.Commands[0]);
        Assert.Equal(new EncounterKey(new SiteId("nw-general"), new EncounterId("enc-1")), draft.Encounter);
        Assert.Equal([Money.Of(77.49m, Currency.Usd), Money.Of(23278.02m, Currency.Usd)], draft.Lines.Select(l => l.Amount));

        var charges = mapped.Commands.OfType<CaptureCharge>().ToList();
        Assert.Equal(["claim-1#1", "claim-1#2"], charges.Select(c => c.Charge.ChargeId));
        Assert.Equal(["1", "2"], charges.Select(c => c.Stamp.Part));
        Assert.DoesNotContain(mapped.Commands, c => c is IssueInvoice);
    }

    [Fact]
    public void When_priced_lines_already_make_the_total_unpriced_lines_cost_nothing()
    {
        var mapped = Assert.IsType<MappingResult.Mapped>(Map(Claim("institutional", EncounterLine + "," + PricedLine, 23278.02m)));
        var draft = Assert.IsType<DraftInvoice>(mapped.Commands[0]);
        Assert.Equal([Money.Zero(Currency.Usd), Money.Of(23278.02m, Currency.Usd)], draft.Lines.Select(l => l.Amount));
    }

    [Fact]
    public void Fully_priced_lines_that_disagree_with_the_total_park_the_claim()
    {
        var parked = Assert.IsType<MappingResult.Parked>(Map(Claim("institutional", PricedLine, 100m)));
        Assert.Contains("its total is 100.00 USD", parked.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UnitedHealthcare", "UnitedHealthcare")]
    [InlineData("NO_INSURANCE", "self-pay")]
    public void A_pharmacy_claim_has_no_eob_so_it_is_issued_to_its_coverage_when_drafted(string coverage, string payer)
    {
        var mapped = Assert.IsType<MappingResult.Mapped>(Map(Claim("pharmacy", EncounterLine, 263.49m, coverage)));
        var issue = Assert.IsType<IssueInvoice>(mapped.Commands[^1]);
        Assert.Equal(payer, issue.Payer);
        Assert.Equal(new DateOnly(2026, 3, 14), issue.IssueDate);
    }

    [Fact]
    public void A_claim_for_an_encounter_not_known_yet_is_parked_not_dropped()
    {
        var parked = Assert.IsType<MappingResult.Parked>(Map(Claim("institutional", EncounterLine, 77.49m), _ => null));
        Assert.Contains("urn:uuid:enc-1", parked.Reason, StringComparison.Ordinal);
    }

    [FixtureFact]
    public void Every_synthea_claim_maps_with_its_total_on_the_encounter_line_and_every_line_charged()
    {
        var claims = 0;
        var pharmacyIssued = 0;
        var charges = 0;
        foreach (var file in Directory.EnumerateFiles(SharedFixtures.Synthea, "*.json", SearchOption.AllDirectories))
        {
            Assert.True(BundleReader.TryRead(File.ReadAllBytes(file), out var bundle, out _));
            var encounters = bundle!.Entries.Where(e => e.FullUrl is not null && e.Resource is not null)
                .Select(e => (e.FullUrl!, Header: ResourceHeader.TryRead(e.Resource, out var h, out _) ? h : default))
                .Where(e => e.Header.ResourceType == "Encounter")
                .ToDictionary(e => e.Item1, e => e.Header.Id);
            foreach (var entry in bundle.Entries)
            {
                Assert.True(ResourceHeader.TryRead(entry.Resource, out var header, out _));
                if (header.ResourceType != "Claim")
                    continue;
                var claim = (Claim)Parser.Parse(entry.Resource).Resource!;
                var result = Mapper.Map(claim, SourceStamps.For(Context, header, entry.Resource), r => encounters.GetValueOrDefault(r));
                var mapped = result as MappingResult.Mapped ?? throw new Xunit.Sdk.XunitException($"{Path.GetFileName(file)}: {((MappingResult.Parked)result).Reason}");
                var draft = Assert.IsType<DraftInvoice>(mapped.Commands[0]);
                var nets = claim.Item.Where(i => i.Net?.Value is not null).Sum(i => Money.Of(i.Net!.Value!.Value, Currency.Usd).Amount);
                Assert.Equal(Money.Of(claim.Total!.Value!.Value + nets, Currency.Usd), Money.Sum(draft.Lines.Select(l => l.Amount), Currency.Usd));
                Assert.NotNull(draft.Encounter);
                charges += mapped.Commands.OfType<CaptureCharge>().Count();
                pharmacyIssued += mapped.Commands.OfType<IssueInvoice>().Count();
                claims++;
            }
        }
        Assert.Equal(802, claims);
        Assert.Equal(279, pharmacyIssued);
        Assert.Equal(1891, charges);
    }
}
