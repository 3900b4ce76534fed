using System.Collections.Immutable;
using ActorSync.Domain.Common;

namespace ActorSync.Domain.Items;

public sealed record ItemMapping(string ErpProduct, UnitConversion Conversion, decimal ReorderThreshold, decimal ReorderQuantity);

/// <summary>
/// An item at a site. <see cref="OnHand"/> is an estimate in ERP units from what ActorSync saw;
/// Odoo's stock is the truth. The latest <see cref="Remembered"/> consumptions and receipts are
/// kept with their quantity in ERP units (and the source versions that carried them), so a re-sent
/// movement is not counted twice and a re-sent one with another quantity is refused. An item lives
/// for years and moves thousands of times: older movements are forgotten in the order they came
/// (<see cref="MovementOrder"/>, <see cref="VersionOrder"/>), which bounds its state, snapshots and
/// recovery. A movement re-sent after that is counted again in the estimate only; its posting keeps
/// its key (the source's id), so Odoo still holds it once.
/// </summary>
public sealed record ItemState(
    ItemKey? Key,
    LegalEntityId? LegalEntity,
    ItemMapping? Mapping,
    decimal OnHand,
    bool ReplenishmentPending,
    ImmutableDictionary<string, decimal> Movements,
    ImmutableDictionary<string, AppliedVersion> Versions,
    ImmutableList<string>? MovementOrder = null,
    ImmutableList<string>? VersionOrder = null)
{
    /// <summary>Movements (and source versions of movements) an item remembers.</summary>
    public const int Remembered = 10_000;

    /// <summary>The resource type of the configuration's item mappings (see NetworkSeed).</summary>
    public const string MappingResource = "ItemMapping";

    public static ItemState Empty { get; } = new(
        null, null, null, 0m, false,
        ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, AppliedVersion>.Empty.WithComparers(StringComparer.Ordinal),
        [], []);

    /// <summary>The state with a movement remembered, and the oldest forgotten beyond <paramref name="limit"/>.</summary>
    public ItemState Remember(string movement, decimal erpQuantity, int limit = Remembered)
    {
        var order = Order(MovementOrder, Movements);
        var (movements, bounded) = Bounded(Movements.SetItem(movement, erpQuantity), Movements.ContainsKey(movement) ? order : order.Add(movement), limit);
        return this with { Movements = movements, MovementOrder = bounded };
    }

    /// <summary>
    /// The state with the source version of an applied event recorded, the oldest movement sources
    /// forgotten beyond <paramref name="limit"/>. The item's own mapping is kept for good: forgetting
    /// it would let a superseded configuration count as new and bring back an old conversion.
    /// </summary>
    public ItemState RememberVersion(SourceStamp stamp, int limit = Remembered)
    {
        var versions = Deciding.Record(Versions, stamp);
        if (stamp.ResourceType == MappingResource)
            return this with { Versions = versions };
        var order = Order(VersionOrder, Versions, key => !key.Contains($"|{MappingResource}/", StringComparison.Ordinal));
        var (kept, bounded) = Bounded(versions, Versions.ContainsKey(stamp.Key) ? order : order.Add(stamp.Key), limit);
        return this with { Versions = kept, VersionOrder = bounded };
    }

    // A snapshot from before the order was kept has none: its entries count as the oldest, in key order.
    private static ImmutableList<string> Order<T>(ImmutableList<string>? order, ImmutableDictionary<string, T> entries, Func<string, bool>? forgettable = null) =>
        order ?? [.. entries.Keys.Where(forgettable ?? (_ => true)).Order(StringComparer.Ordinal)];

    private static (ImmutableDictionary<string, T>, ImmutableList<string>) Bounded<T>(ImmutableDictionary<string, T> entries, ImmutableList<string> order, int limit)
    {
        if (order.Count <= limit)
            return (entries, order);
        var forgotten = order.Count - limit;
        return (entries.RemoveRange(order.Take(forgotten)), order.RemoveRange(0, forgotten));
    }

    // Consumption and receipt ids come from different source resources and may collide: keep them apart.
    public static string ConsumptionKey(string id) => "consumption/" + id;
    public static string ReceiptKey(string id) => "receipt/" + id;
}
