using System.Collections.Immutable;
using ActorSync.Domain.Common;

namespace ActorSync.Domain.Items;

public sealed record ItemMapping(string ErpProduct, UnitConversion Conversion, decimal ReorderThreshold, decimal ReorderQuantity);

/// <summary>
/// An item at a site. <see cref="OnHand"/> is an estimate in ERP units from what ActorSync saw;
/// Odoo's stock is the truth. Each consumption and receipt is kept with its quantity in ERP units,
/// so a re-sent movement is not counted twice and a re-sent one with another quantity is refused.
/// </summary>
public sealed record ItemState(
    ItemKey? Key,
    LegalEntityId? LegalEntity,
    ItemMapping? Mapping,
    decimal OnHand,
    bool ReplenishmentPending,
    ImmutableDictionary<string, decimal> Movements,
    ImmutableDictionary<string, AppliedVersion> Versions)
{
    public static ItemState Empty { get; } = new(
        null, null, null, 0m, false,
        ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, AppliedVersion>.Empty.WithComparers(StringComparer.Ordinal));

    // Consumption and receipt ids come from different source resources and may collide: keep them apart.
    public static string ConsumptionKey(string id) => "consumption/" + id;
    public static string ReceiptKey(string id) => "receipt/" + id;
}
