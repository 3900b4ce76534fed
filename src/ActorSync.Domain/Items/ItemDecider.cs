using ActorSync.Domain.Common;

namespace ActorSync.Domain.Items;

/// <summary>Business rules of a supply item: mapping, unit conversion, consumption, receipt and reorder.</summary>
public sealed class ItemDecider : IDecider<ItemState, IItemCommand, IItemEvent>
{
    public static ItemDecider Instance { get; } = new();

    public ItemState Initial => ItemState.Empty;

    public Decision<IItemEvent> Decide(ItemState state, IItemCommand command) =>
        Deciding.CheckVersion<IItemEvent>(state.Versions, command.Stamp) ?? command switch
        {
            MapItem c => Map(state, c),
            ConsumeItem c => Consume(state, c),
            ReceiveItem c => Receive(state, c),
            _ => Decision<IItemEvent>.Reject($"unknown item command {command.GetType().Name}"),
        };

    private static Decision<IItemEvent> Map(ItemState state, MapItem c)
    {
        if (string.IsNullOrWhiteSpace(c.ErpProduct))
            return Decision<IItemEvent>.Reject("an item maps to an ERP product");
        if (c.Conversion.Factor <= 0m)
            return Decision<IItemEvent>.Reject($"unit conversion {c.Conversion.From} -> {c.Conversion.To} needs a positive factor, not {c.Conversion.Factor}");
        if (c.ReorderThreshold < 0m || c.ReorderQuantity < 0m)
            return Decision<IItemEvent>.Reject("reorder threshold and quantity cannot be negative");
        var mapping = new ItemMapping(c.ErpProduct, c.Conversion, c.ReorderThreshold, c.ReorderQuantity);
        return state.Mapping == mapping && state.LegalEntity == c.LegalEntity
            ? Decision<IItemEvent>.Accept(new SourceVersionRecorded(c.Stamp))
            : Decision<IItemEvent>.Accept(new ItemMapped(c.Key, c.LegalEntity, c.ErpProduct, c.Conversion, c.ReorderThreshold, c.ReorderQuantity, c.Stamp));
    }

    private static Decision<IItemEvent> Consume(ItemState state, ConsumeItem c)
    {
        var (erp, problem) = Convert(state, c.Quantity, $"consumption {c.ConsumptionId}");
        if (problem is not null)
            return Decision<IItemEvent>.Reject(problem);
        if (AlreadyRecorded(state, ItemState.ConsumptionKey(c.ConsumptionId), erp!.Value, $"consumption {c.ConsumptionId}", c.Stamp) is { } repeat)
            return repeat;

        var onHand = state.OnHand - erp!.Value.Value;
        var consumed = new ItemConsumed(c.ConsumptionId, c.Quantity, erp.Value, c.Department, c.At, onHand, c.Stamp);
        var mapping = state.Mapping!;
        return onHand <= mapping.ReorderThreshold && !state.ReplenishmentPending && mapping.ReorderQuantity > 0m
            ? Decision<IItemEvent>.Accept(consumed, new ReplenishmentRequested(mapping.ErpProduct, new Quantity(mapping.ReorderQuantity, mapping.Conversion.To), onHand, mapping.ReorderThreshold, c.Stamp))
            : Decision<IItemEvent>.Accept(consumed);
    }

    private static Decision<IItemEvent> Receive(ItemState state, ReceiveItem c)
    {
        var (erp, problem) = Convert(state, c.Quantity, $"receipt {c.ReceiptId}");
        if (problem is not null)
            return Decision<IItemEvent>.Reject(problem);
        if (AlreadyRecorded(state, ItemState.ReceiptKey(c.ReceiptId), erp!.Value, $"receipt {c.ReceiptId}", c.Stamp) is { } repeat)
            return repeat;
        return Decision<IItemEvent>.Accept(new ItemReceived(c.ReceiptId, erp!.Value, c.At, state.OnHand + erp.Value.Value, c.Stamp));
    }

    /// <summary>A movement seen before: the same quantity is a no-op, another quantity is refused, never silently dropped.</summary>
    private static Decision<IItemEvent>? AlreadyRecorded(ItemState state, string key, Quantity erp, string what, SourceStamp stamp)
    {
        if (!state.Movements.TryGetValue(key, out var recorded))
            return null;
        return recorded == erp.Value
            ? Decision<IItemEvent>.Accept(new SourceVersionRecorded(stamp))
            : Decision<IItemEvent>.Reject($"{what} was already recorded with {recorded} {erp.Unit}, now {erp.Value} {erp.Unit}; correct it with a new movement");
    }

    private static (Quantity? Erp, string? Problem) Convert(ItemState state, Quantity quantity, string what)
    {
        if (state.Mapping is null)
            return (null, "the item is not mapped to an ERP product yet");
        if (quantity.Value <= 0m)
            return (null, $"{what} needs a positive quantity, not {quantity}");
        var (converted, problem) = state.Mapping.Conversion.ToErpUnits(quantity);
        return problem is null ? (converted, null) : (null, $"{what}: {problem}");
    }

    public ItemState Apply(ItemState state, IItemEvent @event)
    {
        var next = @event switch
        {
            ItemMapped e => state with { Key = e.Key, LegalEntity = e.LegalEntity, Mapping = new ItemMapping(e.ErpProduct, e.Conversion, e.ReorderThreshold, e.ReorderQuantity) },
            ItemConsumed e => (state with { OnHand = e.OnHandAfter }).Remember(ItemState.ConsumptionKey(e.ConsumptionId), e.ErpQuantity.Value),
            ItemReceived e => (state with
            {
                OnHand = e.OnHandAfter,
                ReplenishmentPending = state.ReplenishmentPending && e.OnHandAfter <= (state.Mapping?.ReorderThreshold ?? 0m),
            }).Remember(ItemState.ReceiptKey(e.ReceiptId), e.ErpQuantity.Value),
            ReplenishmentRequested => state with { ReplenishmentPending = true },
            _ => state,
        };
        return next.RememberVersion(@event.Stamp);
    }
}
