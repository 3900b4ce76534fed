using System.Collections.Immutable;
using ActorSync.Domain.Common;

namespace ActorSync.Domain.LegalEntities;

public sealed record LegalEntityState(
    LegalEntityId? Id,
    LegalEntityProfile? Profile,
    ImmutableDictionary<string, AppliedVersion> Versions)
{
    public static LegalEntityState Empty { get; } = new(null, null, ImmutableDictionary<string, AppliedVersion>.Empty.WithComparers(StringComparer.Ordinal));

    public bool OwnsSite(SiteId site) => Profile?.Sites.Any(s => s.Id == site) == true;
}
