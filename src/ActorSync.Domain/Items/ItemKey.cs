using ActorSync.Domain.Common;

namespace ActorSync.Domain.Items;

/// <summary>A supply item is tracked per site under the source's item code.</summary>
public readonly record struct ItemKey(SiteId Site, ItemId Item)
{
    public override string ToString() => $"{Site}/{Item}";
}
