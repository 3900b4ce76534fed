using ActorSync.Domain.Common;

namespace ActorSync.Domain.Items;

/// <summary>Marker for commands routed to one item entity.</summary>
public interface IItemCommand : ICommand
{
    ItemKey Key { get; }
}

/// <summary>Map the item to an ERP product, with how source units convert and when to reorder (in ERP units).</summary>
public sealed record MapItem(
    ItemKey Key,
    LegalEntityId LegalEntity,
    string ErpProduct,
    UnitConversion Conversion,
    decimal ReorderThreshold,
    decimal ReorderQuantity,
    SourceStamp Stamp) : IItemCommand;

public sealed record ConsumeItem(ItemKey Key, string ConsumptionId, Quantity Quantity, DepartmentId? Department, DateTimeOffset At, SourceStamp Stamp) : IItemCommand;

public sealed record ReceiveItem(ItemKey Key, string ReceiptId, Quantity Quantity, DateTimeOffset At, SourceStamp Stamp) : IItemCommand;
