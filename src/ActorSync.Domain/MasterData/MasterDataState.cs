using System.Collections.Immutable;
using ActorSync.Domain.Common;

namespace ActorSync.Domain.MasterData;

public sealed record MasterDataState(MasterDataKey? Key, MasterDataRecord? Record, ImmutableDictionary<string, AppliedVersion> Versions)
{
    public static MasterDataState Empty { get; } = new(null, null, ImmutableDictionary<string, AppliedVersion>.Empty.WithComparers(StringComparer.Ordinal));
}
