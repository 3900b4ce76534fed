using ActorSync.Domain.Common;

namespace ActorSync.Domain.MasterData;

/// <summary>
/// One master-data resource of one source (an Organization, Location, Practitioner or
/// PractitionerRole). Keyed per source: <c>Organization/123</c> of one EHR is not that of another.
/// </summary>
public readonly record struct MasterDataKey(SourceId Source, string ResourceType, string ResourceId)
{
    /// <summary>The literal reference other resources of the same source use for it.</summary>
    public string Reference => $"{ResourceType}/{ResourceId}";

    public override string ToString() => $"{Source}|{ResourceType}/{ResourceId}";
}

/// <summary>
/// What the registry keeps of a master-data resource: enough to resolve references (identifiers
/// as <c>system|value</c>, links to the organizations and locations it belongs to) and to show it.
/// </summary>
public sealed record MasterDataRecord(string? Name, IReadOnlyList<string> Identifiers, IReadOnlyList<string> Links, bool Active);
