using ActorSync.Domain.Common;

namespace ActorSync.Fhir.Mapping;

/// <summary>Where an encounter or charge happened, in canonical terms.</summary>
public sealed record SiteResolution(SiteId Site, LegalEntityId LegalEntity, DepartmentId? Department);

/// <summary>
/// Resolves FHIR organization and location references (literal, urn:uuid inside a bundle, or
/// conditional such as <c>Organization?identifier=system|value</c>) to a configured site and
/// department. The configuration and master data received earlier stand behind it.
/// </summary>
public interface ISiteDirectory
{
    /// <summary>The site, or null with the reason it is not known (the resource is then parked).</summary>
    SiteResolution? Resolve(string? organizationReference, string? locationReference, string? encounterClass, out string? reason);
}
