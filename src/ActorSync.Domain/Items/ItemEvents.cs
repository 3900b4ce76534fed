using ActorSync.Domain.Common;

namespace ActorSync.Domain.Items;

public interface IItemEvent : IEvent;

public sealed record ItemMapped(
    ItemKey Key,
    LegalEntityId LegalEntity,
    string ErpProduct,
    UnitConversion Conversion,
    decimal ReorderThreshold,
    decimal ReorderQuantity,
    SourceStamp Stamp) : IItemEvent;

public sealed record ItemConsumed(string ConsumptionId, Quantity SourceQuantity, Quantity ErpQuantity, DepartmentId? Department, DateTimeOffset At, decimal OnHandAfter, SourceStamp Stamp) : IItemEvent;

public sealed record ItemReceived(string ReceiptId, Quantity ErpQuantity, DateTimeOffset At, decimal OnHandAfter, SourceStamp Stamp) : IItemEvent;

/// <summary>On-hand fell to or below the reorder threshold: ask purchasing for the reorder quantity.</summary>
public sealed record ReplenishmentRequested(string ErpProduct, Quantity ErpQuantity, decimal OnHand, decimal Threshold, SourceStamp Stamp) : IItemEvent;
