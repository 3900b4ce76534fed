using System.Collections.Immutable;
using ActorSync.Actors.Entities;
using ActorSync.Domain.Items;

namespace ActorSync.Actors.Items;

/// <summary>Marker type under which the item shard region is registered.</summary>
public sealed class ItemRegion;

public static class ItemEntity
{
    public static EntityDefinition<ItemState, IItemCommand, IItemEvent> Definition { get; } =
        new(EntityTypes.Item, ItemDecider.Instance, Tags);

    private static ImmutableHashSet<string> Tags(IItemEvent e) =>
        e is ItemConsumed or ItemReceived or ReplenishmentRequested ? EventTags.InventoryOnly : EventTags.None;

    public static string? RoutingKey(object message) => (message as IItemCommand)?.Key.ToString();
}
