using System.Text;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Xunit;

namespace ActorSync.Fhir.Tests;

public sealed class BundleMapperTests
{
    private static readonly SourceContext Context = new(new SourceId("ehr-north"), new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));

    private static readonly NetworkDirectory Directory = new(
        [new SiteRoute(new SiteId("nw-general"), new LegalEntityId("northwind-health"), ["Organization/nw-general"], [])],
        new Dictionary<(SiteId, ItemId), Unit>());

    private static BundleMapper NewMapper(ReferenceMemory memory) =>
        new(Directory, Directory, new Pseudonymizer(Encoding.UTF8.GetBytes("a test key of at least 16 bytes")), new FhirResourceParser(), memory);

    private const string Transaction = """
        {"resourceType":"Bundle","type":"transaction","entry":[
          {"fullUrl":"urn:uuid:e-1","resource":{"resourceType":"Encounter","id":"enc-1","status":"finished","class":{"code":"AMB"},
             "subject":{"reference":"urn:uuid:p-1"},"serviceProvider":{"reference":"Organization/nw-general"}},"request":{"method":"POST","url":"Encounter"}},
          {"fullUrl":"urn:uuid:c-1","resource":{"resourceType":"Claim","id":"claim-1","status":"active","type":{"coding":[{"code":"institutional"}]},
             "use":"claim","patient":{"reference":"urn:uuid:p-1"},"created":"2026-03-14T10:00:00Z","provider":{"reference":"Organization/nw-general"},
             "priority":{"coding":[{"code":"normal"}]},"insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Medicare"}}],
             "item":[{"sequence":1,"productOrService":{"text":"Visit"},"encounter":[{"reference":"urn:uuid:e-1"}]}],
             "total":{"value":120.5,"currency":"USD"}},"request":{"method":"POST","url":"Claim"}},
          {"fullUrl":"urn:uuid:o-1","resource":{"resourceType":"Observation","id":"obs-1","status":"final","code":{"text":"x"}}},
          {"fullUrl":"urn:uuid:e-2","resource":{"resourceType":"Encounter","id":"enc-2","status":"finished","class":{"code":"AMB"},
             "serviceProvider":{"reference":"Organization/elsewhere"}}},
          {"fullUrl":"urn:uuid:e-3","resource":{"resourceType":"Encounter","id":"enc-3","status":"finished","class":{"code":"AMB"},"period":{"start":"2026-13-45"}}},
          {"fullUrl":"urn:uuid:x"},
          {"fullUrl":"urn:uuid:y","resource":{"resourceType":"Encountr","id":"typo"}}]}
        """;

    [Fact]
    public void A_patient_has_one_pseudonym_whether_a_bundle_names_it_by_urn_uuid_or_a_file_by_type_and_id()
    {
        const string InBundle = """
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:9fa1","resource":{"resourceType":"Patient","id":"9fa1"}},
              {"fullUrl":"urn:uuid:e-p","resource":{"resourceType":"Encounter","id":"enc-p1","status":"finished","class":{"code":"AMB"},
                 "subject":{"reference":"urn:uuid:9fa1"},"serviceProvider":{"reference":"Organization/nw-general"}}}]}
            """;
        var line = Encoding.UTF8.GetBytes("""{"resourceType":"Encounter","id":"enc-p2","status":"finished","class":{"code":"AMB"},"subject":{"reference":"https://ehr.example/fhir/Patient/9fa1"},"serviceProvider":{"reference":"Organization/nw-general"}}""");
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(InBundle), out var bundle, out _));
        var mapper = NewMapper(new ReferenceMemory());

        var fromBundle = mapper.Map(bundle!.Entries, Context, null).SelectMany(r => r.Commands).OfType<RecordEncounter>().Single();
        var fromFile = mapper.Map([new BundleEntry(0, null, line, null, null)], Context, null).SelectMany(r => r.Commands).OfType<RecordEncounter>().Single();
        var versioned = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line).Replace("enc-p2", "enc-p3", StringComparison.Ordinal).Replace("Patient/9fa1", "Patient/9fa1/_history/2", StringComparison.Ordinal));
        var fromVersion = mapper.Map([new BundleEntry(0, null, versioned, null, null)], Context, null).SelectMany(r => r.Commands).OfType<RecordEncounter>().Single();

        Assert.StartsWith("pt-", fromBundle.PatientPseudonym, StringComparison.Ordinal);
        Assert.Equal(fromBundle.PatientPseudonym, fromFile.PatientPseudonym);
        Assert.Equal(fromBundle.PatientPseudonym, fromVersion.PatientPseudonym);
    }

    [Fact]
    public void Each_entry_is_mapped_ignored_parked_or_rejected_with_its_reason()
    {
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(Transaction), out var bundle, out _));

        var results = NewMapper(new ReferenceMemory()).Map(bundle!.Entries, Context, null);

        Assert.Equal([EntryKind.Mapped, EntryKind.Mapped, EntryKind.Ignored, EntryKind.Parked, EntryKind.Rejected, EntryKind.Rejected, EntryKind.Rejected], results.Select(r => r.Kind));
        var draft = Assert.IsType<DraftInvoice>(results[1].Commands[0]);
        Assert.Equal(new EncounterKey(new SiteId("nw-general"), new EncounterId("enc-1")), draft.Encounter);
        Assert.Contains("Organization/elsewhere", results[3].Reason, StringComparison.Ordinal);
        Assert.NotEmpty(results[4].Issues);
        Assert.Equal("the entry has no resource", results[5].Reason);
        // A type FHIR R4 does not have is a mistake, not a type we merely do not use.
        Assert.Equal("'Encountr' is not a FHIR R4 resource type", results[6].Reason);
    }

    [Fact]
    public void An_eob_in_a_later_bundle_finds_the_invoice_its_claim_drafted()
    {
        var memory = new ReferenceMemory();
        var mapper = NewMapper(memory);
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(Transaction), out var first, out _));
        mapper.Map(first!.Entries, Context, null);

        const string later = """
            {"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:b-1","resource":{
              "resourceType":"ExplanationOfBenefit","id":"eob-1","status":"active","type":{"coding":[{"code":"institutional"}]},"use":"claim",
              "patient":{"reference":"Patient/p-1"},"created":"2026-03-20T10:00:00Z","insurer":{"display":"Medicare"},"provider":{"reference":"Practitioner/1"},
              "claim":{"reference":"Claim/claim-1"},"outcome":"complete","insurance":[{"focal":true,"coverage":{"display":"Medicare"}}],
              "payment":{"amount":{"value":100,"currency":"USD"}}}}]}
            """;
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(later), out var second, out _));
        var result = Assert.Single(mapper.Map(second!.Entries, Context, null));

        Assert.Equal(EntryKind.Mapped, result.Kind);
        var payment = Assert.IsType<RecordPayment>(result.Commands[1]);
        Assert.Equal(new InvoiceKey(new SiteId("nw-general"), new InvoiceId("claim-1")), payment.Key);
    }
}
