using ActorSync.Domain.Common;
using ActorSync.Fhir.Mapping;
using Xunit;

namespace ActorSync.Fhir.Tests;

public sealed class NetworkDirectoryTests
{
    private static readonly SiteRoute General = new(
        new SiteId("nw-general"), new LegalEntityId("northwind-health"),
        ["https://github.com/synthetichealth/synthea|1eaf97fa", "Organization/nw-general"],
        [
            new DepartmentRoute(new DepartmentId("emergency"), ["Location/er-1", "https://example.org/loc|ER"], ["EMER"]),
            new DepartmentRoute(new DepartmentId("inpatient"), [], ["IMP"]),
        ]);

    private static readonly SiteRoute Clinic = new(new SiteId("nw-clinic"), new LegalEntityId("northwind-health"), ["Organization/nw-clinic"], []);

    private static readonly NetworkDirectory Directory = new([General, Clinic],
        new Dictionary<(SiteId, ItemId), Unit> { [(new SiteId("nw-general"), new ItemId("706437002"))] = new Unit("box") });

    [Theory]
    [InlineData("Organization?identifier=https://github.com/synthetichealth/synthea|1eaf97fa", null, "IMP", "nw-general", "inpatient")]
    [InlineData("Organization/nw-general", "Location/er-1", "AMB", "nw-general", "emergency")]
    [InlineData(null, "Location?identifier=https://example.org/loc|ER", null, "nw-general", "emergency")]
    [InlineData("Organization/nw-clinic", null, "AMB", "nw-clinic", null)]
    public void References_resolve_to_site_and_department(string? organization, string? location, string? encounterClass, string site, string? department)
    {
        var resolved = Directory.Resolve(organization, location, encounterClass, out var reason);
        Assert.Null(reason);
        Assert.Equal(new SiteId(site), resolved!.Site);
        Assert.Equal(new LegalEntityId("northwind-health"), resolved.LegalEntity);
        Assert.Equal(department is null ? null : new DepartmentId(department), resolved.Department);
    }

    [Fact]
    public void An_unknown_organization_is_not_a_site_and_says_which()
    {
        Assert.Null(Directory.Resolve("Organization?identifier=x|y", null, null, out var reason));
        Assert.Contains("Organization?identifier=x|y", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_are_known_per_site_with_their_source_unit()
    {
        Assert.Equal(new Unit("box"), Directory.SourceUnit(new SiteId("nw-general"), new ItemId("706437002")));
        Assert.Null(Directory.SourceUnit(new SiteId("nw-clinic"), new ItemId("706437002")));
    }

    [Fact]
    public void An_organization_claimed_by_two_sites_is_a_configuration_error()
    {
        var twice = Clinic with { Organizations = ["Organization/nw-general"] };
        var error = Assert.Throws<ArgumentException>(() => new NetworkDirectory([General, twice], new Dictionary<(SiteId, ItemId), Unit>()));
        Assert.Contains("Organization/nw-general", error.Message, StringComparison.Ordinal);
    }
}
