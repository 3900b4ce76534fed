using ActorSync.Fhir.Mapping;

namespace ActorSync.Fhir.MasterData;

/// <summary>
/// The configured directory, reached through what the source told us: <c>urn:uuid:</c> references
/// become the bundle entry they name, and literal or conditional references are also tried as
/// every identifier the source's master data gives them. A location the configuration does not
/// know still leads to its managing organization. One per bundle (the urn:uuid map is the bundle's).
/// </summary>
public sealed class RegistryDirectory(ISiteDirectory configured, MasterDataRegistry registry, Func<string, string> literal) : ISiteDirectory
{
    public SiteResolution? Resolve(string? organizationReference, string? locationReference, string? encounterClass, out string? reason)
    {
        var organization = organizationReference is null ? null : literal(organizationReference);
        var location = locationReference is null ? null : literal(locationReference);
        var first = configured.Resolve(organization, location, encounterClass, out reason);
        if (first is not null)
            return first;

        var locations = location is null ? [null] : registry.Aliases(location).ToList<string?>();
        var organizations = organization is not null
            ? registry.Aliases(organization).ToList<string?>()
            : [null, .. locations.OfType<string>().SelectMany(registry.LinksOf).Where(l => l.StartsWith("Organization", StringComparison.Ordinal)).SelectMany(registry.Aliases)];
        foreach (var org in organizations)
            foreach (var loc in locations)
                if ((org, loc) != (organization, location) && configured.Resolve(org, loc, encounterClass, out _) is { } site)
                {
                    reason = null;
                    return site;
                }
        return null;
    }
}
