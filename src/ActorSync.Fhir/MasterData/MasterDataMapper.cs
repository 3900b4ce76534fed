using ActorSync.Domain.Common;
using ActorSync.Domain.MasterData;
using ActorSync.Fhir.Mapping;
using Hl7.Fhir.Model;

namespace ActorSync.Fhir.MasterData;

/// <summary>
/// Organization, Location, Practitioner and PractitionerRole → the source's master-data registry:
/// identifiers (<c>system|value</c>), a name, and links to the organizations and locations they
/// belong to. Recorded durably (<see cref="RecordMasterData"/>) and remembered for the references
/// that follow.
/// </summary>
public sealed class MasterDataMapper(MasterDataRegistry registry)
{
    public MappingResult? Map(Resource resource, SourceStamp stamp, Func<string, string> literal)
    {
        var record = resource switch
        {
            Organization o => new MasterDataRecord(o.Name, Identifiers(o.Identifier), Links(literal, o.PartOf), o.Active ?? true),
            Location l => new MasterDataRecord(l.Name, Identifiers(l.Identifier), Links(literal, l.ManagingOrganization, l.PartOf), l.Status != Location.LocationStatus.Inactive),
            Practitioner p => new MasterDataRecord(p.Name.FirstOrDefault()?.ToString(), Identifiers(p.Identifier), [], p.Active ?? true),
            PractitionerRole r => new MasterDataRecord(r.Code.FirstOrDefault()?.Text, Identifiers(r.Identifier),
                Links(literal, [r.Practitioner, r.Organization, .. r.Location]), r.Active ?? true),
            _ => null,
        };
        if (record is null)
            return null;
        if (string.IsNullOrEmpty(resource.Id))
            return new MappingResult.Parked($"the {resource.TypeName} has no id, so nothing can refer to it");
        var key = new MasterDataKey(stamp.Source, resource.TypeName, resource.Id);
        registry.Remember(key.Reference, record);
        return new MappingResult.Mapped([new RecordMasterData(key, record, stamp)]);
    }

    private static List<string> Identifiers(IEnumerable<Identifier> identifiers) =>
        [.. identifiers.Where(i => !string.IsNullOrEmpty(i.Value)).Select(i => $"{i.System}|{i.Value}")];

    private static List<string> Links(Func<string, string> literal, params IEnumerable<ResourceReference?> references) =>
        [.. references.Select(r => r?.Reference).OfType<string>().Where(r => r.Length > 0).Select(literal)];
}
