using ActorSync.Domain.Common;
using ActorSync.Domain.Items;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class ItemDeciderTests
{
    private static readonly ItemKey _key = new(new SiteId("site-north"), new ItemId("gauze-10x10"));
    private static readonly LegalEntityId _entity = new("le-north");
    private static readonly DepartmentId _ward = new("ward-3");
    private static readonly DateTimeOffset _at = new(2025, 3, 12, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Source counts boxes, Odoo counts pieces: 1 box = 10 each. Reorder 100 each at or below 20 each.</summary>
    private static readonly UnitConversion _boxOfTen = new(new Unit("box"), new Unit("each"), 10m);

    private static MapItem Map(long version = 1, UnitConversion? conversion = null, decimal threshold = 20m, decimal reorder = 100m, string product = "GAUZE-10") =>
        new(_key, _entity, product, conversion ?? _boxOfTen, threshold, reorder, TestStamps.Of("ItemMapping", "gauze-10x10", version));

    private static ConsumeItem Consume(string id, decimal quantity, string unit = "box", long version = 1) =>
        new(_key, id, Quantity.Of(quantity, unit), _ward, _at, TestStamps.Of("SupplyConsumption", id, version));

    private static ReceiveItem Receive(string id, decimal quantity, string unit = "box", long version = 1) =>
        new(_key, id, Quantity.Of(quantity, unit), _at, TestStamps.Of("SupplyDelivery", id, version));

    /// <summary>Mapped, with 10 boxes (100 each) received.</summary>
    private static Scenario<ItemState, IItemCommand, IItemEvent> Stocked() => Scenarios.Item().Given(Map(), Receive("rec-1", 10m));

    [Fact]
    public void An_item_remembers_its_latest_movements_and_forgets_the_oldest_so_its_state_stays_bounded()
    {
        var item = Stocked().Given(Map(version: 2, threshold: 30m));
        for (var i = 0; i <= ItemState.Remembered; i++)
            DecisionAssert.Accepted(item.When(Consume($"use-{i}", 1m)));

        Assert.Equal(ItemState.Remembered, item.State.Movements.Count);
        Assert.Equal(ItemState.Remembered, item.State.MovementOrder!.Count);
        Assert.Equal(ItemState.Remembered, item.State.VersionOrder!.Count);
        Assert.Equal(ItemState.Remembered + 1, item.State.Versions.Count); // and the mapping's, kept for good
        // The latest is still known: sent again it is only a version; the oldest are forgotten and count again.
        DecisionAssert.VersionOnly(item.When(Consume($"use-{ItemState.Remembered}", 1m, version: 2)), Consume($"use-{ItemState.Remembered}", 1m, version: 2).Stamp);
        Assert.False(item.State.Movements.ContainsKey(ItemState.ReceiptKey("rec-1")));
        Assert.IsType<ItemConsumed>(DecisionAssert.Accepted(item.When(Consume("use-0", 1m)))[0]);
        // The mapping is never forgotten: a superseded one is still out of order, not new.
        Assert.Equal(Outcome.OutOfOrder, item.When(Map(version: 1, threshold: 999m)).Outcome);
        Assert.Equal(30m, item.State.Mapping!.ReorderThreshold);
    }

    [Fact]
    public void A_state_from_before_the_order_was_kept_forgets_in_key_order()
    {
        var old = ItemState.Empty with
        {
            Movements = ItemState.Empty.Movements.Add("consumption/b", 1m).Add("consumption/a", 2m),
            MovementOrder = null,
            VersionOrder = null,
        };

        var next = old.Remember("consumption/c", 3m, limit: 2);

        Assert.Equal(["consumption/b", "consumption/c"], next.Movements.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["consumption/b", "consumption/c"], next.MovementOrder);
    }

    [Fact]
    public void Mapping_records_the_erp_product_conversion_and_reorder_rule()
    {
        var item = Scenarios.Item();

        var mapped = Assert.IsType<ItemMapped>(DecisionAssert.AcceptedOne(item.When(Map())));

        Assert.Equal("GAUZE-10", mapped.ErpProduct);
        Assert.Equal(new ItemMapping("GAUZE-10", _boxOfTen, 20m, 100m), item.State.Mapping);
        Assert.Equal(_entity, item.State.LegalEntity);
        Assert.Equal(_key, item.State.Key);
    }

    [Fact]
    public void Remapping_with_the_same_mapping_records_only_the_version()
    {
        var item = Scenarios.Item().Given(Map());
        var same = Map(version: 2);

        DecisionAssert.VersionOnly(item.When(same), same.Stamp);
    }

    [Fact]
    public void Remapping_with_a_new_reorder_rule_replaces_it()
    {
        var item = Scenarios.Item().Given(Map());

        Assert.IsType<ItemMapped>(DecisionAssert.AcceptedOne(item.When(Map(version: 2, threshold: 50m))));
        Assert.Equal(50m, item.State.Mapping?.ReorderThreshold);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Mapping_with_a_non_positive_factor_is_rejected(int factor)
    {
        var item = Scenarios.Item();

        DecisionAssert.Rejected(item.When(Map(conversion: _boxOfTen with { Factor = factor })), "positive factor");
        Assert.Null(item.State.Mapping);
    }

    [Fact]
    public void Mapping_without_an_erp_product_is_rejected()
    {
        DecisionAssert.Rejected(Scenarios.Item().When(Map(product: " ")), "ERP product");
    }

    [Fact]
    public void Mapping_with_a_negative_reorder_rule_is_rejected()
    {
        DecisionAssert.Rejected(Scenarios.Item().When(Map(threshold: -1m)), "negative");
        DecisionAssert.Rejected(Scenarios.Item().When(Map(reorder: -1m)), "negative");
    }

    [Fact]
    public void Receipt_in_source_units_adds_erp_units_on_hand()
    {
        var item = Scenarios.Item().Given(Map());

        var received = Assert.IsType<ItemReceived>(DecisionAssert.AcceptedOne(item.When(Receive("rec-1", 10m))));

        Assert.Equal(Quantity.Of(100m, "each"), received.ErpQuantity);
        Assert.Equal(100m, received.OnHandAfter);
        Assert.Equal(100m, item.State.OnHand);
    }

    [Fact]
    public void Consumption_in_source_units_is_converted_to_erp_units()
    {
        var item = Stocked();

        var consumed = Assert.IsType<ItemConsumed>(DecisionAssert.AcceptedOne(item.When(Consume("use-1", 2m))));

        Assert.Equal(Quantity.Of(2m, "box"), consumed.SourceQuantity);
        Assert.Equal(Quantity.Of(20m, "each"), consumed.ErpQuantity);
        Assert.Equal(80m, consumed.OnHandAfter);
        Assert.Equal(_ward, consumed.Department);
        Assert.Equal(80m, item.State.OnHand);
    }

    [Fact]
    public void Consumption_in_erp_units_is_taken_as_is()
    {
        var item = Stocked();

        var consumed = Assert.IsType<ItemConsumed>(DecisionAssert.AcceptedOne(item.When(Consume("use-1", 7m, unit: "each"))));

        Assert.Equal(Quantity.Of(7m, "each"), consumed.ErpQuantity);
        Assert.Equal(93m, item.State.OnHand);
    }

    [Fact]
    public void Consumption_in_a_unit_the_item_does_not_use_is_rejected_naming_the_unit()
    {
        var item = Stocked();

        DecisionAssert.Rejected(item.When(Consume("use-1", 5m, unit: "ml")), "consumption use-1", "'ml'", "'box'", "'each'");
        Assert.Equal(100m, item.State.OnHand);
    }

    [Fact]
    public void Receipt_in_a_unit_the_item_does_not_use_is_rejected_naming_the_unit()
    {
        var item = Scenarios.Item().Given(Map());

        DecisionAssert.Rejected(item.When(Receive("rec-1", 5m, unit: "pallet")), "receipt rec-1", "'pallet'");
        Assert.Equal(0m, item.State.OnHand);
    }

    [Fact]
    public void Movement_before_mapping_is_rejected()
    {
        var item = Scenarios.Item();

        DecisionAssert.Rejected(item.When(Consume("use-1", 1m)), "not mapped");
        DecisionAssert.Rejected(item.When(Receive("rec-1", 1m)), "not mapped");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Movement_needs_a_positive_quantity(int quantity)
    {
        var item = Stocked();

        DecisionAssert.Rejected(item.When(Consume("use-1", quantity)), "use-1", "positive quantity");
        DecisionAssert.Rejected(item.When(Receive("rec-2", quantity)), "rec-2", "positive quantity");
        Assert.Equal(100m, item.State.OnHand);
    }

    [Fact]
    public void Staying_above_the_reorder_threshold_requests_nothing()
    {
        var item = Stocked();

        Assert.IsType<ItemConsumed>(DecisionAssert.AcceptedOne(item.When(Consume("use-1", 7m))));
        Assert.Equal(30m, item.State.OnHand);
        Assert.False(item.State.ReplenishmentPending);
    }

    [Fact]
    public void Falling_to_the_reorder_threshold_requests_replenishment()
    {
        var item = Stocked();

        var events = DecisionAssert.Accepted(item.When(Consume("use-1", 8m)));

        Assert.Equal(2, events.Count);
        Assert.IsType<ItemConsumed>(events[0]);
        var requested = Assert.IsType<ReplenishmentRequested>(events[1]);
        Assert.Equal("GAUZE-10", requested.ErpProduct);
        Assert.Equal(Quantity.Of(100m, "each"), requested.ErpQuantity);
        Assert.Equal(20m, requested.OnHand);
        Assert.Equal(20m, requested.Threshold);
        Assert.True(item.State.ReplenishmentPending);
    }

    [Fact]
    public void Replenishment_is_not_requested_again_while_pending()
    {
        var item = Stocked().Given(Consume("use-1", 9m));
        Assert.True(item.State.ReplenishmentPending);

        Assert.IsType<ItemConsumed>(DecisionAssert.AcceptedOne(item.When(Consume("use-2", 1m))));
        Assert.Equal(0m, item.State.OnHand);
        Assert.True(item.State.ReplenishmentPending);
    }

    [Fact]
    public void Receipt_that_leaves_stock_at_the_threshold_keeps_the_request_pending()
    {
        var item = Stocked().Given(Consume("use-1", 9m), Receive("rec-2", 1m));

        Assert.Equal(20m, item.State.OnHand);
        Assert.True(item.State.ReplenishmentPending);
        Assert.IsType<ItemConsumed>(DecisionAssert.AcceptedOne(item.When(Consume("use-2", 1m))));
    }

    [Fact]
    public void Receipt_that_lifts_stock_above_the_threshold_allows_a_new_request()
    {
        var item = Stocked().Given(Consume("use-1", 9m), Receive("rec-2", 10m));

        Assert.Equal(110m, item.State.OnHand);
        Assert.False(item.State.ReplenishmentPending);

        var events = DecisionAssert.Accepted(item.When(Consume("use-2", 9m)));

        Assert.Equal(2, events.Count);
        Assert.Equal(20m, Assert.IsType<ReplenishmentRequested>(events[1]).OnHand);
        Assert.True(item.State.ReplenishmentPending);
    }

    [Fact]
    public void Zero_reorder_quantity_never_requests_replenishment()
    {
        var item = Scenarios.Item().Given(Map(reorder: 0m), Receive("rec-1", 10m));

        Assert.IsType<ItemConsumed>(DecisionAssert.AcceptedOne(item.When(Consume("use-1", 10m))));
        Assert.False(item.State.ReplenishmentPending);
    }

    [Fact]
    public void Exact_duplicate_consumption_is_acknowledged_without_new_events()
    {
        var item = Stocked().Given(Consume("use-1", 2m));
        var before = item.State;

        DecisionAssert.Duplicate(item.When(Consume("use-1", 2m)));
        Assert.Same(before, item.State);
        Assert.Equal(80m, item.State.OnHand);
    }

    [Fact]
    public void Newer_version_of_a_consumption_is_not_counted_twice()
    {
        var item = Stocked().Given(Consume("use-1", 2m));
        var resent = Consume("use-1", 2m, version: 2);

        DecisionAssert.VersionOnly(item.When(resent), resent.Stamp);
        Assert.Equal(80m, item.State.OnHand);
    }

    [Fact]
    public void Newer_version_of_a_consumption_with_another_quantity_is_refused_not_dropped()
    {
        var item = Stocked().Given(Consume("use-1", 2m));

        DecisionAssert.Rejected(item.When(Consume("use-1", 3m, version: 2)), "consumption use-1", "already recorded");
        Assert.Equal(80m, item.State.OnHand);
    }

    [Fact]
    public void Newer_version_of_a_receipt_is_not_counted_twice()
    {
        var item = Stocked();
        var resent = Receive("rec-1", 10m, version: 2);

        DecisionAssert.VersionOnly(item.When(resent), resent.Stamp);
        Assert.Equal(100m, item.State.OnHand);
    }

    [Fact]
    public void Receipt_with_the_same_id_as_a_consumption_is_still_counted()
    {
        var item = Stocked().Given(Consume("4711", 2m));

        Assert.IsType<ItemReceived>(DecisionAssert.AcceptedOne(item.When(Receive("4711", 1m))));
        Assert.Equal(90m, item.State.OnHand);
    }

    [Fact]
    public void Older_mapping_version_is_out_of_order_and_changes_nothing()
    {
        var item = Scenarios.Item().Given(Map(version: 4, threshold: 50m));
        var before = item.State;

        DecisionAssert.OutOfOrder(item.When(Map(version: 3)), stale: 3, applied: 4);
        Assert.Same(before, item.State);
        Assert.Equal(50m, item.State.Mapping?.ReorderThreshold);
    }
}
