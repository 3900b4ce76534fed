using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using Hl7.Fhir.Model;
using FhirEncounter = Hl7.Fhir.Model.Encounter;

namespace ActorSync.Fhir.Mapping;

/// <summary>
/// FHIR R4 Encounter → <see cref="RecordEncounter"/>: status, class, period, service provider →
/// site and legal entity, location / class → department, subject → keyed pseudonym. The entity
/// decides what changed (registered, updated, completed → billing trigger, cancelled, entered in error).
/// </summary>
public sealed class EncounterMapper(ISiteDirectory sites, Pseudonymizer pseudonyms)
{
    /// <param name="typedIdOf">
    /// <c>Type/id</c> of a reference (a bundle's urn:uuid, a full URL), so that one patient gets one
    /// pseudonym whether a Bundle names it by urn:uuid or an NDJSON file by <c>Patient/id</c>.
    /// </param>
    public MappingResult Map(FhirEncounter encounter, SourceStamp stamp, Func<string, string?>? typedIdOf = null)
    {
        if (string.IsNullOrEmpty(encounter.Id))
            return new MappingResult.Parked("the Encounter has no id");
        var classCode = encounter.Class?.Code;
        var site = sites.Resolve(encounter.ServiceProvider?.Reference, encounter.Location.FirstOrDefault()?.Location?.Reference, classCode, out var reason);
        if (site is null)
            return new MappingResult.Parked($"Encounter/{encounter.Id}: {reason}");

        var command = new RecordEncounter(
            new EncounterKey(site.Site, new EncounterId(encounter.Id)),
            site.LegalEntity,
            Status(encounter.Status),
            classCode ?? "",
            new Domain.Encounters.Period(FhirValues.Instant(encounter.Period?.StartElement), FhirValues.Instant(encounter.Period?.EndElement)),
            site.Department,
            encounter.Location.FirstOrDefault()?.Location?.Display,
            encounter.Subject?.Reference is { Length: > 0 } subject ? pseudonyms.Pseudonym(typedIdOf?.Invoke(subject) ?? subject) : null,
            stamp);
        return new MappingResult.Mapped([command]);
    }

    /// <summary>FHIR's nine statuses onto the canonical five; arrived, triaged and on leave are in progress.</summary>
    public static EncounterStatus Status(FhirEncounter.EncounterStatus? status) => status switch
    {
        FhirEncounter.EncounterStatus.Planned => EncounterStatus.Planned,
        FhirEncounter.EncounterStatus.Arrived or FhirEncounter.EncounterStatus.Triaged
            or FhirEncounter.EncounterStatus.InProgress or FhirEncounter.EncounterStatus.Onleave => EncounterStatus.InProgress,
        FhirEncounter.EncounterStatus.Finished => EncounterStatus.Finished,
        FhirEncounter.EncounterStatus.Cancelled => EncounterStatus.Cancelled,
        FhirEncounter.EncounterStatus.EnteredInError => EncounterStatus.EnteredInError,
        _ => EncounterStatus.Unknown,
    };
}
