using System.Collections.Immutable;
using ActorSync.Domain.Common;

namespace ActorSync.Domain.Items;

public sealed record ItemMapping(string ErpProduct, UnitConversion Conversion, decimal ReorderThreshold, decimal ReorderQuantity);

/// <summary>
/// An item at a site. <see cref="OnHand"/> is an estimate in ERP units from what ActorSync saw;
/// Odoo's stock is the truth. Consumption and receipt ids are kept so a re-sent movement with a
/// new version is not counted twice.
/// </summary>
public sealed record ItemState(
    ItemKey? Key,
    LegalEntityId? LegalEntity,
    ItemMapping? Mapping,
    decimal OnHand,
    bool ReplenishmentPending,
    ImmutableHashSet<string> Movements,
    ImmutableDictionary<string, AppliedVersion> Versions)
{
    public static ItemState Empty { get; } = new(
        null, null, null, 0m, false,
        ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal),
        ImmutableDictionary<string, AppliedVersion>.Empty.WithComparers(StringComparer.Ordinal));

    // Consumption and receipt ids come from different source resources and may collide: keep them apart.
    public static string ConsumptionKey(string id) => "consumption/" + id;
    public static string ReceiptKey(string id) => "receipt/" + id;
}
