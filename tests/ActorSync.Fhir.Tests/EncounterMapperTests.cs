using System.Text;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Xunit;
using FhirEncounter = Hl7.Fhir.Model.Encounter;

namespace ActorSync.Fhir.Tests;

public sealed class EncounterMapperTests
{
    private static readonly FhirResourceParser Parser = new();
    private static readonly SourceContext Context = new(new SourceId("ehr-north"), new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));
    private static readonly Pseudonymizer Pseudonyms = new(Encoding.UTF8.GetBytes("a test key of at least 16 bytes"));

    /// <summary>Organizations the test knows; a real directory is backed by configuration and master data.</summary>
    private sealed class TestDirectory(Func<string?, bool> knows) : ISiteDirectory
    {
        public SiteResolution? Resolve(string? organizationReference, string? locationReference, string? encounterClass, out string? reason)
        {
            reason = knows(organizationReference) ? null : $"service provider {organizationReference ?? "(none)"} is not a known site";
            return reason is null
                ? new SiteResolution(new SiteId("nw-general"), new LegalEntityId("northwind-health"), encounterClass == "EMER" ? new DepartmentId("emergency") : null)
                : null;
        }
    }

    private static readonly EncounterMapper Mapper = new(new TestDirectory(r => r == "Organization/nw-general"), Pseudonyms);

    private const string Finished = """
        {"resourceType":"Encounter","id":"enc-1","meta":{"versionId":"3"},"status":"finished",
         "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"EMER"},
         "subject":{"reference":"Patient/12345","display":"Jane Doe"},
         "period":{"start":"2026-03-14T09:30:00+01:00","end":"2026-03-14T11:00:00+01:00"},
         "location":[{"location":{"reference":"Location/er-1","display":"ER bay 1"}}],
         "serviceProvider":{"reference":"Organization/nw-general"}}
        """;

    private static (FhirEncounter Encounter, SourceStamp Stamp) Read(string json) => TestResources.Read<FhirEncounter>(json, Context);

    [Fact]
    public void A_finished_encounter_becomes_a_record_encounter_at_its_site_with_a_pseudonym()
    {
        var (encounter, stamp) = Read(Finished);

        var mapped = Assert.IsType<MappingResult.Mapped>(Mapper.Map(encounter, stamp));
        var command = Assert.IsType<RecordEncounter>(Assert.Single(mapped.Commands));

        Assert.Equal(new EncounterKey(new SiteId("nw-general"), new EncounterId("enc-1")), command.Key);
        Assert.Equal(new LegalEntityId("northwind-health"), command.LegalEntity);
        Assert.Equal(EncounterStatus.Finished, command.Status);
        Assert.Equal("EMER", command.Class);
        Assert.Equal(new DepartmentId("emergency"), command.Department);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero), command.Period.End);
        Assert.Equal(3, command.Stamp.Version);
        Assert.StartsWith("pt-", command.PatientPseudonym, StringComparison.Ordinal);
        Assert.DoesNotContain("12345", command.PatientPseudonym, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", command.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_encounter_of_an_unknown_site_is_parked_with_the_reference_in_the_reason()
    {
        var (encounter, stamp) = Read(Finished.Replace("Organization/nw-general", "Organization/elsewhere", StringComparison.Ordinal));

        var parked = Assert.IsType<MappingResult.Parked>(Mapper.Map(encounter, stamp));

        Assert.Contains("Organization/elsewhere", parked.Reason, StringComparison.Ordinal);
        Assert.Contains("Encounter/enc-1", parked.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FhirEncounter.EncounterStatus.Planned, EncounterStatus.Planned)]
    [InlineData(FhirEncounter.EncounterStatus.Arrived, EncounterStatus.InProgress)]
    [InlineData(FhirEncounter.EncounterStatus.Triaged, EncounterStatus.InProgress)]
    [InlineData(FhirEncounter.EncounterStatus.InProgress, EncounterStatus.InProgress)]
    [InlineData(FhirEncounter.EncounterStatus.Onleave, EncounterStatus.InProgress)]
    [InlineData(FhirEncounter.EncounterStatus.Finished, EncounterStatus.Finished)]
    [InlineData(FhirEncounter.EncounterStatus.Cancelled, EncounterStatus.Cancelled)]
    [InlineData(FhirEncounter.EncounterStatus.EnteredInError, EncounterStatus.EnteredInError)]
    [InlineData(FhirEncounter.EncounterStatus.Unknown, EncounterStatus.Unknown)]
    public void Every_fhir_status_has_a_canonical_one(FhirEncounter.EncounterStatus fhir, EncounterStatus canonical) =>
        Assert.Equal(canonical, EncounterMapper.Status(fhir));

    [Fact]
    public void Stamps_use_numeric_version_ids_and_fingerprint_the_bytes()
    {
        var (_, versioned) = Read(Finished);
        var (_, unversioned) = Read(Finished.Replace("\"meta\":{\"versionId\":\"3\"},", "", StringComparison.Ordinal));
        var (_, again) = Read(Finished.Replace("\"meta\":{\"versionId\":\"3\"},", "", StringComparison.Ordinal));

        Assert.Equal(3, versioned.Version);
        Assert.Equal(0, unversioned.Version);
        Assert.Equal(unversioned.Fingerprint, again.Fingerprint);
        Assert.NotEqual(versioned.Fingerprint, unversioned.Fingerprint);
        Assert.Equal("ehr-north|Encounter/enc-1", unversioned.Key);
    }

    [Fact]
    public void Pseudonyms_are_stable_per_key_and_differ_between_keys()
    {
        var other = new Pseudonymizer(Encoding.UTF8.GetBytes("another key, also 16+ bytes"));
        Assert.Equal(Pseudonyms.Pseudonym("Patient/1"), Pseudonyms.Pseudonym("Patient/1"));
        Assert.NotEqual(Pseudonyms.Pseudonym("Patient/1"), Pseudonyms.Pseudonym("Patient/2"));
        Assert.NotEqual(Pseudonyms.Pseudonym("Patient/1"), other.Pseudonym("Patient/1"));
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(new byte[8]));
    }

    [FixtureFact]
    public void Every_synthea_encounter_maps_when_its_organization_is_a_known_site()
    {
        var mapper = new EncounterMapper(new TestDirectory(r => r is not null && r.StartsWith("Organization?identifier=", StringComparison.Ordinal)), Pseudonyms);
        var mapped = 0;
        var statuses = new Dictionary<EncounterStatus, int>();
        foreach (var file in Directory.EnumerateFiles(SharedFixtures.Synthea, "*.json", SearchOption.AllDirectories))
        {
            Assert.True(BundleReader.TryRead(File.ReadAllBytes(file), out var bundle, out _));
            foreach (var entry in bundle!.Entries)
            {
                Assert.True(ResourceHeader.TryRead(entry.Resource, out var header, out _));
                if (header.ResourceType != "Encounter")
                    continue;
                var encounter = (FhirEncounter)Parser.Parse(entry.Resource).Resource!;
                var result = mapper.Map(encounter, SourceStamps.For(Context, header, entry.Resource));
                var command = Assert.IsType<RecordEncounter>(Assert.Single(Assert.IsType<MappingResult.Mapped>(result).Commands));
                Assert.DoesNotContain(encounter.Subject!.Reference!.Split(':', '/')[^1], command.PatientPseudonym!, StringComparison.Ordinal);
                statuses[command.Status] = statuses.GetValueOrDefault(command.Status) + 1;
                mapped++;
            }
        }
        Assert.Equal(523, mapped);
        Assert.Equal(523, statuses.GetValueOrDefault(EncounterStatus.Finished));
    }
}
