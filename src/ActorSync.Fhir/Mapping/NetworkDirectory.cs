using ActorSync.Domain.Common;

namespace ActorSync.Fhir.Mapping;

/// <summary>How a department is recognised in FHIR: the Location identifiers or ids it owns, and encounter classes it takes by default.</summary>
public sealed record DepartmentRoute(DepartmentId Department, IReadOnlyList<string> Locations, IReadOnlyList<string> EncounterClasses);

/// <summary>How a site is recognised in FHIR: its Organization identifiers (<c>system|value</c>) or literal ids (<c>Organization/x</c>).</summary>
public sealed record SiteRoute(SiteId Site, LegalEntityId LegalEntity, IReadOnlyList<string> Organizations, IReadOnlyList<DepartmentRoute> Departments);

/// <summary>
/// The configured network as seen from FHIR: organization references → site and legal entity,
/// location references or encounter classes → department, and the items mapped per site.
/// Literal (<c>Organization/x</c>) and conditional (<c>Organization?identifier=system|value</c>)
/// references are understood; <c>urn:uuid:</c> references are resolved by the caller from the
/// bundle first (to the referenced resource's literal id or identifiers).
/// </summary>
public sealed class NetworkDirectory : ISiteDirectory, IItemCatalog
{
    private readonly Dictionary<string, SiteRoute> _byOrganization = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SiteRoute Site, DepartmentId Department)> _byLocation = new(StringComparer.Ordinal);
    private readonly Dictionary<(SiteId, ItemId), Unit> _items;

    public NetworkDirectory(IEnumerable<SiteRoute> sites, IReadOnlyDictionary<(SiteId Site, ItemId Item), Unit> items)
    {
        foreach (var site in sites)
        {
            foreach (var organization in site.Organizations)
                if (!_byOrganization.TryAdd(organization, site))
                    throw new ArgumentException($"organization {organization} is claimed by sites {_byOrganization[organization].Site} and {site.Site}");
            foreach (var department in site.Departments)
                foreach (var location in department.Locations)
                    if (!_byLocation.TryAdd(location, (site, department.Department)))
                        throw new ArgumentException($"location {location} is claimed by two departments");
        }
        _items = items.ToDictionary(i => (i.Key.Site, i.Key.Item), i => i.Value);
    }

    public SiteResolution? Resolve(string? organizationReference, string? locationReference, string? encounterClass, out string? reason)
    {
        var location = Key(locationReference, "Location") is { } l && _byLocation.TryGetValue(l, out var found) ? found : ((SiteRoute, DepartmentId)?)null;
        var site = Key(organizationReference, "Organization") is { } o && _byOrganization.TryGetValue(o, out var route) ? route : location?.Item1;
        if (site is null)
        {
            reason = organizationReference is null && locationReference is null
                ? "the resource names no organization or location"
                : $"{organizationReference ?? locationReference} is not a site of the network";
            return null;
        }
        reason = null;
        var department = location is { } loc && loc.Item1.Site == site.Site
            ? loc.Item2
            : site.Departments.FirstOrDefault(d => encounterClass is not null && d.EncounterClasses.Contains(encounterClass, StringComparer.OrdinalIgnoreCase))?.Department;
        return new SiteResolution(site.Site, site.LegalEntity, department);
    }

    public Unit? SourceUnit(SiteId site, ItemId item) => _items.TryGetValue((site, item), out var unit) ? unit : null;

    /// <summary><c>Organization/x</c> stays as it is; <c>Organization?identifier=system|value</c> becomes <c>system|value</c>.</summary>
    private static string? Key(string? reference, string type)
    {
        if (string.IsNullOrEmpty(reference))
            return null;
        var conditional = type + "?identifier=";
        return reference.StartsWith(conditional, StringComparison.Ordinal) ? Uri.UnescapeDataString(reference[conditional.Length..]) : reference;
    }
}
