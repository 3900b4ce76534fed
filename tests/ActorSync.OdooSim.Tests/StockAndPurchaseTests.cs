using Xunit;

namespace ActorSync.OdooSim.Tests;

public sealed class StockAndPurchaseTests
{
    [Fact]
    public async Task A_validated_consumption_picking_is_done_and_reduces_the_quantity_on_hand()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var product = await TwoCompanies.IdAsync(client, "product.product", """[["default_code","=","SAL-1"]]""");
        var stock = (int)(await client.CallAsync("stock.warehouse", "search_read", """[[["company_id","=",1]]]""", """{"fields":["lot_stock_id"]}"""))![0]!["lot_stock_id"]![0]!;
        var consumption = await TwoCompanies.IdAsync(client, "stock.location", """[["name","=","Consumption"],["company_id","=",1]]""");
        var delivery = await TwoCompanies.IdAsync(client, "stock.picking.type", """[["code","=","outgoing"],["company_id","=",1]]""");
        var quant = await client.CreateAsync("stock.quant", $$"""{"product_id":{{product}},"location_id":{{stock}},"inventory_quantity":100}""", """{"context":{"inventory_mode":true}}""");
        var apply = await client.ExecuteAsync("stock.quant", "action_apply_inventory", $"[[{quant}]]", """{"context":{"inventory_mode":true}}""");

        var picking = await client.CreateAsync("stock.picking", $$"""
            {"picking_type_id":{{delivery}},"location_id":{{stock}},"location_dest_id":{{consumption}},"origin":"ENC-1",
             "move_ids":[[0,0,{"product_id":{{product}},"product_uom_qty":5}]]}
            """);
        var steps = new List<string?>();
        foreach (var step in new[] { "action_confirm", "action_assign", "button_validate" })
        {
            await client.CallAsync("stock.picking", step, $"[[{picking}]]");
            steps.Add((string?)(await client.CallAsync("stock.picking", "read", $"[[{picking}]]", """{"fields":["state"]}"""))![0]!["state"]);
        }
        var done = (await client.CallAsync("stock.picking", "read", $"[[{picking}]]", """{"fields":["name","date_done"]}"""))![0]!;
        var onHand = await client.CallAsync("product.product", "read", $"[[{product}]]", """{"fields":["qty_available"]}""");

        Assert.Null(apply.Result);
        Assert.Equal(["confirmed", "assigned", "done"], steps);
        Assert.Equal("WH/OUT/00001", (string)done["name"]!);
        Assert.NotEqual("false", done["date_done"]!.ToJsonString());
        Assert.Equal(95.0, (double)onHand![0]!["qty_available"]!);
    }

    [Fact]
    public async Task Quantity_on_hand_counts_only_the_allowed_companies_and_scrap_reduces_it()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var product = await TwoCompanies.IdAsync(client, "product.product", """[["default_code","=","SAL-1"]]""");
        foreach (var company in new[] { 1, 2 })
        {
            var stock = (int)(await client.CallAsync("stock.warehouse", "search_read", $$"""[[["company_id","=",{{company}}]]]""", """{"fields":["lot_stock_id"]}"""))![0]!["lot_stock_id"]![0]!;
            var context = $$$"""{"context":{"inventory_mode":true,"allowed_company_ids":[{{{company}}}]}}""";
            var quant = await client.CreateAsync("stock.quant", $$"""{"product_id":{{product}},"location_id":{{stock}},"inventory_quantity":{{company * 10}}}""", context);
            await client.CallAsync("stock.quant", "action_apply_inventory", $"[[{quant}]]", context);
        }
        var scrap = await client.CreateAsync("stock.scrap", $$"""{"product_id":{{product}},"scrap_qty":3,"origin":"ENC-2"}""");
        var validated = await client.CallAsync("stock.scrap", "action_validate", $"[[{scrap}]]");

        async Task<double> OnHand(string context) =>
            (double)(await client.CallAsync("product.product", "read", $"[[{product}]]", $$"""{"fields":["qty_available"],"context":{{context}}}"""))![0]!["qty_available"]!;

        Assert.Equal("true", validated!.ToJsonString());
        Assert.Equal(7.0, await OnHand("""{"allowed_company_ids":[1]}"""));
        Assert.Equal(20.0, await OnHand("""{"allowed_company_ids":[2]}"""));
        Assert.Equal(27.0, await OnHand("{}"));
    }

    [Fact]
    public async Task A_bare_stock_move_stays_draft_and_moves_nothing()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var product = await TwoCompanies.IdAsync(client, "product.product", """[["default_code","=","SAL-1"]]""");
        var stock = (int)(await client.CallAsync("stock.warehouse", "search_read", """[[["company_id","=",1]]]""", """{"fields":["lot_stock_id"]}"""))![0]!["lot_stock_id"]![0]!;
        var consumption = await TwoCompanies.IdAsync(client, "stock.location", """[["name","=","Consumption"],["company_id","=",1]]""");

        var move = await client.CreateAsync("stock.move", $$"""{"product_id":{{product}},"product_uom_qty":2,"location_id":{{stock}},"location_dest_id":{{consumption}},"company_id":1}""");
        var validate = await client.ExecuteAsync("stock.move", "_action_done", $"[[{move}]]");

        Assert.Equal("draft", sim.Records("stock.move").Single()["state"]);
        Assert.Equal("odoo.exceptions.AccessError", validate.ErrorName);
        Assert.Equal(0, sim.Count("stock.quant"));
    }

    [Fact]
    public async Task Confirming_a_purchase_order_makes_it_a_purchase_with_a_receipt()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var product = await TwoCompanies.IdAsync(client, "product.product", """[["default_code","=","SAL-1"]]""");
        var vendor = await TwoCompanies.IdAsync(client, "res.partner", """[["name","=","Surgical Supplies Co"]]""");
        var order = await client.CreateAsync("purchase.order", $$"""
            {"partner_id":{{vendor}},"partner_ref":"VEND-1","order_line":[[0,0,{"product_id":{{product}},"product_qty":50,"price_unit":2.4}]]}
            """);
        var rfq = (await client.CallAsync("purchase.order", "read", $"[[{order}]]", """{"fields":["name","state"]}"""))![0]!;

        var confirmed = await client.CallAsync("purchase.order", "button_confirm", $"[[{order}]]");
        var po = (await client.CallAsync("purchase.order", "read", $"[[{order}]]", """{"fields":["state","amount_total","picking_ids","invoice_status"]}"""))![0]!;
        var receipt = (await client.CallAsync("stock.picking", "read", $"[{po["picking_ids"]!.ToJsonString()}]", """{"fields":["name","state","origin","move_ids"]}"""))![0]!;
        var line = sim.Records("purchase.order.line").Single();

        Assert.Equal(("P00001", "draft"), ((string)rfq["name"]!, (string)rfq["state"]!));
        Assert.Equal("true", confirmed!.ToJsonString());
        Assert.Equal(("purchase", 138.0, "no"), ((string)po["state"]!, (double)po["amount_total"]!, (string)po["invoice_status"]!));
        Assert.Equal(("WH/IN/00001", "assigned", "P00001"), ((string)receipt["name"]!, (string)receipt["state"]!, (string)receipt["origin"]!));
        Assert.Equal("[SAL-1] Saline 0.9% 1L", line["name"]);
    }
}
