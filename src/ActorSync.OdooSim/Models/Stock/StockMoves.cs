using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Stock;

/// <summary>stock.move: a bare move stays draft (Odoo's validation of a move is private); pickings and scraps complete them.</summary>
internal sealed class StockMoves : Model
{
    public StockMoves() : base("stock.move", "Stock Move", "sequence, id")
    {
        Fields.Char("name", "Description");
        Fields.Many2one("product_id", "Product", "product.product", required: true, checkCompany: true);
        Fields.Float("product_uom_qty", "Demand").Default = _ => 1.0;
        Fields.Float("quantity", "Quantity");
        Fields.Many2one("product_uom", "Unit", "uom.uom");
        Fields.Many2one("location_id", "Source Location", "stock.location", required: true, checkCompany: true);
        Fields.Many2one("location_dest_id", "Destination Location", "stock.location", required: true, checkCompany: true);
        Fields.Char("origin", "Source");
        Fields.Char("reference", "Reference");
        Fields.Selection("state", "Status", ["draft", "waiting", "confirmed", "partially_available", "assigned", "done", "cancel"], "draft");
        Fields.Many2one("picking_id", "Transfer", "stock.picking", onDelete: OnDelete.Cascade, checkCompany: true);
        Fields.Many2one("picking_type_id", "Operation Type", "stock.picking.type");
        Fields.Many2one("partner_id", "Destination Address", "res.partner");
        Fields.Many2one("company_id", "Company", "res.company", required: true);
        Fields.Datetime("date", "Date Scheduled").Default = env => env.Timestamp;
        Fields.Many2one("scrap_id", "Scrap", "stock.scrap", onDelete: OnDelete.Cascade);
        Fields.Many2one("purchase_line_id", "Purchase Order Line", "purchase.order.line");
        Fields.Boolean("is_inventory", "Inventory");
        Fields.Integer("sequence", "Sequence").Default = _ => 10L;
    }

    public override string DisplayName(Env env, Row row)
    {
        var product = env.Get("product.product", row.Ref("product_id"));
        var code = product?.Str("default_code") is { Length: > 0 } c ? $"{c}: " : "";
        var origin = row.Str("origin") is { Length: > 0 } o ? $"{o}/" : "";
        return $"{origin}{code}{env.Get("stock.location", row.Ref("location_id"))?.Str("name")}>{env.Get("stock.location", row.Ref("location_dest_id"))?.Str("name")}";
    }

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        var product = env.Get("product.product", values.GetValueOrDefault("product_id") as int?);
        values.Fill("name", product is null ? null : Products.Label(product));
        values.Fill("product_uom", product?.Ref("uom_id"));
        if (env.Get("stock.picking", values.GetValueOrDefault("picking_id") as int?) is { } picking)
        {
            values["company_id"] = picking.Ref("company_id");
            values.Fill("location_id", picking.Ref("location_id"));
            values.Fill("location_dest_id", picking.Ref("location_dest_id"));
            values.Fill("origin", picking.Str("origin"));
            values.Fill("partner_id", picking.Ref("partner_id"));
            values["picking_type_id"] = picking.Ref("picking_type_id");
            values["reference"] = picking.Str("name");
            values["state"] = picking.Str("state") is "draft" ? "draft" : "confirmed";
        }
        values.Fill("company_id", env.Get("stock.location", values.GetValueOrDefault("location_id") as int?)?.Ref("company_id") ?? env.CompanyId);
    }

    /// <summary>Quants are kept for storable products only.</summary>
    public static bool Tracked(Env env, Row move) => env.Get("product.product", move.Ref("product_id"))?.Bool("is_storable") == true;

    /// <summary>Completes a move: its quantity leaves the source and reaches the destination (internal locations only).</summary>
    public static void Done(Env env, Row move)
    {
        if (move.Str("state") == "done") return;
        if (Money0(move.Num("quantity"))) env.Tx.Set(move, "quantity", move.Num("product_uom_qty"));
        var quantity = move.Num("quantity");
        if (Tracked(env, move))
        {
            var product = move.Ref("product_id")!.Value;
            Quants.Apply(env, product, move.Ref("location_id")!.Value, -quantity);
            Quants.Apply(env, product, move.Ref("location_dest_id")!.Value, quantity);
        }
        env.Tx.Set(move, "state", "done");
        env.Tx.Set(move, "date", env.Timestamp);
        if (env.Get("purchase.order.line", move.Ref("purchase_line_id")) is { } line)
            env.Tx.Set(line, "qty_received", line.Num("qty_received") + quantity);
    }

    private static bool Money0(double quantity) => Math.Abs(quantity) < 1e-9;
}
