using System.Collections.Immutable;
using ActorSync.Actors.Entities;
using ActorSync.Domain.Items;
using ActorSync.Domain.Postings;

namespace ActorSync.Actors.Items;

/// <summary>Marker type under which the item shard region is registered.</summary>
public sealed class ItemRegion;

public static class ItemEntity
{
    public static EntityDefinition<ItemState, IItemCommand, IItemEvent> Definition { get; } =
        new(EntityTypes.Item, ItemDecider.Instance, Tags, SinkTag);

    private static ImmutableHashSet<string> Tags(IItemEvent e) =>
        e is ItemConsumed or ItemReceived or ReplenishmentRequested ? EventTags.InventoryOnly : EventTags.None;

    /// <summary>Consumption and replenishment requests go to the site's inventory sink.</summary>
    private static string? SinkTag(string entityId, IItemEvent e) =>
        e is ItemConsumed or ReplenishmentRequested ? EventTags.Sink(PostingFlow.Inventory, EventTags.SiteOf(entityId)) : null;

    public static string? RoutingKey(object message) => (message as IItemCommand)?.Key.ToString();
}
