using System.Text;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.MasterData;
using ActorSync.Fhir.MasterData;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>
/// Organizations, locations and practitioners a source sends become its registry, and references the
/// configuration does not name directly are followed through it: literal ids, urn:uuid entries,
/// other identifiers, and a location's managing organization. What cannot be resolved yet is parked.
/// </summary>
public sealed class MasterDataTests
{
    private static readonly SourceContext Context = new(new SourceId("ehr-north"), new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));

    // The configuration knows the site by its NPI and the ED by a location identifier only.
    private static readonly NetworkDirectory Directory = TestMapping.NorthwindGeneral(["http://hl7.org/fhir/sid/us-npi|1013100001"],
        new DepartmentRoute(new DepartmentId("emergency"), ["http://hospital.example/loc|ED"], ["EMER"]));

    private const string Organization = """
        {"resourceType":"Organization","id":"org-77","name":"Northwind General","identifier":[
          {"system":"urn:ehr:org","value":"77"},{"system":"http://hl7.org/fhir/sid/us-npi","value":"1013100001"}]}
        """;

    private const string Location = """
        {"resourceType":"Location","id":"loc-5","name":"ED","status":"active","identifier":[{"system":"http://hospital.example/loc","value":"ED"}],
         "managingOrganization":{"reference":"Organization/org-77"}}
        """;

    private static string Encounter(string id, string? organization, string? location = null) =>
        "{\"resourceType\":\"Encounter\",\"id\":\"" + id + "\",\"status\":\"in-progress\",\"class\":{\"code\":\"AMB\"}"
        + (organization is null ? "" : ",\"serviceProvider\":{\"reference\":\"" + organization + "\"}")
        + (location is null ? "" : ",\"location\":[{\"location\":{\"reference\":\"" + location + "\"}}]") + "}";

    private static BundleMapper NewMapper(MasterDataRegistry registry) => TestMapping.Mapper(Directory, registry);

    private static EntryResult MapOne(BundleMapper mapper, string resource) => TestMapping.MapOne(mapper, resource, Context);

    private static SiteId? SiteOf(EntryResult result) => (result.Commands.SingleOrDefault() as RecordEncounter)?.Key.Site;

    [Fact]
    public void Master_data_is_recorded_with_identifiers_and_links()
    {
        var mapper = NewMapper(new MasterDataRegistry());

        var organization = MapOne(mapper, Organization);
        var location = MapOne(mapper, Location);

        var recorded = Assert.IsType<RecordMasterData>(Assert.Single(organization.Commands));
        Assert.Equal(new MasterDataKey(Context.Source, "Organization", "org-77"), recorded.Key);
        Assert.Equal(["urn:ehr:org|77", "http://hl7.org/fhir/sid/us-npi|1013100001"], recorded.Record.Identifiers);
        Assert.Equal(["Organization/org-77"], Assert.IsType<RecordMasterData>(Assert.Single(location.Commands)).Record.Links);
    }

    [Fact]
    public void A_literal_reference_waits_for_its_organization_and_then_resolves_through_its_identifiers()
    {
        var registry = new MasterDataRegistry();
        var mapper = NewMapper(registry);

        var before = MapOne(mapper, Encounter("e-1", "Organization/org-77"));
        MapOne(mapper, Organization);
        var after = MapOne(mapper, Encounter("e-1", "Organization/org-77"));

        Assert.Equal(EntryKind.Parked, before.Kind);
        Assert.Contains("Organization/org-77 is not a site", before.Reason, StringComparison.Ordinal);
        Assert.Equal(new SiteId("nw-general"), SiteOf(after));
    }

    [Fact]
    public void Another_identifier_of_a_known_organization_and_a_location_alone_both_lead_to_the_site()
    {
        var registry = new MasterDataRegistry();
        var mapper = NewMapper(registry);
        MapOne(mapper, Organization);
        MapOne(mapper, Location);

        var byOtherIdentifier = MapOne(mapper, Encounter("e-2", "Organization?identifier=urn:ehr:org|77"));
        var byLocation = MapOne(mapper, Encounter("e-3", null, "Location/loc-5"));

        Assert.Equal(new SiteId("nw-general"), SiteOf(byOtherIdentifier));
        var encounter = Assert.IsType<RecordEncounter>(Assert.Single(byLocation.Commands));
        Assert.Equal((new SiteId("nw-general"), new DepartmentId("emergency")), (encounter.Key.Site, encounter.Department));
    }

    [Fact]
    public void A_urn_uuid_reference_names_the_organization_in_the_same_bundle()
    {
        var bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
            + "{\"fullUrl\":\"urn:uuid:9c1\",\"resource\":" + Organization + "},"
            + "{\"fullUrl\":\"urn:uuid:e-4\",\"resource\":" + Encounter("e-4", "urn:uuid:9c1") + "}]}";
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(bundle), out var content, out _));

        var results = NewMapper(new MasterDataRegistry()).Map(content!.Entries, Context, null);

        Assert.Equal(new SiteId("nw-general"), SiteOf(results[1]));
    }
}
