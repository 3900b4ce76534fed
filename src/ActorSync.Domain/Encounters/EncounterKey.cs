using ActorSync.Domain.Common;

namespace ActorSync.Domain.Encounters;

/// <summary>An encounter is identified by the site it happened at and the source's encounter id.</summary>
public readonly record struct EncounterKey(SiteId Site, EncounterId Encounter)
{
    public override string ToString() => $"{Site}/{Encounter}";
}
