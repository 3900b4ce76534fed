using System.Text.Json.Nodes;
using ActorSync.OdooSim.Models.Accounting;
using ActorSync.OdooSim.Models.Stock;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models;

/// <summary>
/// purchase.order: an RFQ named P00001 at create; button_confirm makes it a purchase order and
/// creates the receipt (a picking of the company's receipt type, ready to validate).
/// </summary>
internal sealed class PurchaseOrders : Model
{
    /// <summary>Numbered by <see cref="Sequences"/>, which finds names through the index.</summary>
    public override IReadOnlyCollection<string> LookedUpBy => ["name"];

    public PurchaseOrders() : base("purchase.order", "Purchase Order", "priority desc, id desc")
    {
        Fields.Char("name", "Order Reference", required: true);
        Fields.Selection("priority", "Priority", ["0", "1"], "0");
        Fields.Many2one("partner_id", "Vendor", "res.partner", required: true, checkCompany: true);
        Fields.Char("partner_ref", "Vendor Reference");
        Fields.Char("origin", "Source Document");
        Fields.Datetime("date_order", "Order Deadline").Default = env => env.Timestamp;
        Fields.Datetime("date_approve", "Confirmation Date");
        Fields.Datetime("date_planned", "Expected Arrival");
        Fields.One2many("order_line", "Order Lines", "purchase.order.line", "order_id");
        Fields.Selection("state", "Status", ["draft", "sent", "to approve", "purchase", "cancel"], "draft");
        Fields.Many2one("company_id", "Company", "res.company", required: true).Default = env => (int?)env.CompanyId;
        Fields.Many2one("currency_id", "Currency", "res.currency");
        Fields.Many2one("picking_type_id", "Deliver To", "stock.picking.type", checkCompany: true);
        Fields.Html("note", "Terms and Conditions");
        Fields.Computed(FieldType.Monetary, "amount_untaxed", "Untaxed Amount", (env, row) => Money.Round(Lines(env, row).Sum(l => (double)env.Value(l, "price_subtotal")!)));
        Fields.Computed(FieldType.Monetary, "amount_tax", "Taxes", (env, row) => Money.Round(Lines(env, row).Sum(l => (double)env.Value(l, "price_tax")!)));
        Fields.Computed(FieldType.Monetary, "amount_total", "Total", (env, row) => Money.Round(Lines(env, row).Sum(l => (double)env.Value(l, "price_total")!)));
        Fields.Computed(FieldType.Many2many, "picking_ids", "Receptions", (env, row) => env.Referencing("stock.picking", "purchase_id", row.Id).Select(p => p.Id).ToList(), "stock.picking");
        Fields.Computed(FieldType.Selection, "invoice_status", "Billing Status", (env, row) =>
            row.Str("state") == "purchase" && Lines(env, row).Any(l => l.Num("qty_received") > l.Num("qty_invoiced")) ? "to invoice" : "no");

        Action("button_confirm", (env, rows) => { foreach (var row in rows) Confirm(env, row); return true; });
        Action("button_cancel", (env, rows) => { foreach (var row in rows) env.Tx.Set(row, "state", "cancel"); return Outcome.None; });
        Action("button_draft", (env, rows) => { foreach (var row in rows.Where(r => r.Str("state") == "cancel")) env.Tx.Set(row, "state", "draft"); return Outcome.None; });
    }

    private static IReadOnlyList<Row> Lines(Env env, Row order) => env.Referencing("purchase.order.line", "order_id", order.Id).ToList();

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        var company = values.GetValueOrDefault("company_id") as int? ?? env.CompanyId;
        values["company_id"] = company;
        values.Fill("name", Sequences.Next(env, Name, "P", 5));
        values.Fill("currency_id", env.Get("res.company", company)?.Ref("currency_id"));
        values.Fill("picking_type_id", PickingTypes.Of(env, company, "incoming")?.Id);
    }

    private static void Confirm(Env env, Row order)
    {
        if (order.Str("state") is not ("draft" or "sent")) return;
        env.Tx.Set(order, "state", "purchase");
        env.Tx.Set(order, "date_approve", env.Timestamp);
        var goods = Lines(env, order).Where(l => env.Get("product.product", l.Ref("product_id"))?.Str("type") == "consu").ToList();
        if (goods.Count == 0 || env.Get("stock.picking.type", order.Ref("picking_type_id")) is not { } type) return;
        var moves = new JsonArray([.. goods.Select(line => (JsonNode)new JsonArray(0, 0, new JsonObject
        {
            ["product_id"] = line.Ref("product_id"),
            ["product_uom_qty"] = line.Num("product_qty"),
            ["name"] = line.Str("name"),
            ["purchase_line_id"] = line.Id,
        }))]);
        var picking = Crud.Create(env.Sudo(), "stock.picking", new JsonObject
        {
            ["picking_type_id"] = type.Id,
            ["partner_id"] = order.Ref("partner_id"),
            ["origin"] = order.Str("name"),
            ["purchase_id"] = order.Id,
            ["move_ids"] = moves,
        });
        Pickings.Assign(env, picking);
    }
}

internal sealed class PurchaseOrderLines : Model
{
    public PurchaseOrderLines() : base("purchase.order.line", "Purchase Order Line", "order_id, sequence, id")
    {
        Fields.Many2one("order_id", "Order Reference", "purchase.order", required: true, onDelete: OnDelete.Cascade);
        Fields.Text("name", "Description");
        Fields.Integer("sequence", "Sequence").Default = _ => 10L;
        Fields.Many2one("product_id", "Product", "product.product", checkCompany: true);
        Fields.Float("product_qty", "Quantity").Default = _ => 1.0;
        Fields.Many2one("product_uom_id", "Unit of Measure", "uom.uom");
        Fields.Float("price_unit", "Unit Price");
        Fields.Many2many("taxes_id", "Taxes", "account.tax", checkCompany: true);
        Fields.Computed(FieldType.Monetary, "price_subtotal", "Subtotal", (_, row) => Money.Round(row.Num("product_qty") * row.Num("price_unit")));
        Fields.Computed(FieldType.Float, "price_tax", "Tax", (env, row) => Tax(env, row));
        Fields.Computed(FieldType.Monetary, "price_total", "Total", (env, row) => Money.Round(row.Num("product_qty") * row.Num("price_unit") + Tax(env, row)));
        Fields.Many2one("company_id", "Company", "res.company");
        Fields.Float("qty_received", "Received Qty");
        Fields.Float("qty_invoiced", "Billed Qty");
        Fields.Datetime("date_planned", "Expected Arrival").Default = env => env.Timestamp;
        Fields.Selection("display_type", "Display Type", ["line_section", "line_note"]);
        Fields.Computed(FieldType.Char, "state", "Status", (env, row) => env.Get("purchase.order", row.Ref("order_id"))?.Str("state"));
    }

    private static double Tax(Env env, Row line) =>
        line.Ids("taxes_id").Select(id => env.Get("account.tax", id)).OfType<Row>().Sum(t => Taxes.Amount(t, Money.Round(line.Num("product_qty") * line.Num("price_unit"))));

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        var order = env.Get("purchase.order", values.GetValueOrDefault("order_id") as int?);
        var company = order?.Ref("company_id") ?? env.CompanyId;
        values["company_id"] = company;
        if (env.Get("product.product", values.GetValueOrDefault("product_id") as int?) is not { } product) return;
        values.Fill("name", Products.Label(product));
        values.Fill("product_uom_id", product.Ref("uom_id"));
        if (!vals.ContainsKey("price_unit")) values["price_unit"] = product.Num("standard_price");
        if (!vals.ContainsKey("taxes_id"))
            values["taxes_id"] = product.Ids("supplier_taxes_id").Where(t => env.Get("account.tax", t)?.Ref("company_id") == company).ToList();
    }

    public override void Check(Env env, Row row)
    {
        if (row.Str("display_type") is null && row.Str("name") is null)
            throw OdooError.MandatoryField(Description, Name, "Description", "name");
    }
}
