using System.Text.Json.Nodes;
using ActorSync.OdooSim.Models.Accounting;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Stock;

/// <summary>
/// stock.picking: named from its type's sequence at create (WH/OUT/00001); action_confirm,
/// action_assign and button_validate each answer true; validation moves the quants.
/// </summary>
internal sealed class Pickings : Model
{
    /// <summary>Numbered by <see cref="Sequences"/>, which finds names through the index.</summary>
    public override IReadOnlyCollection<string> LookedUpBy => ["name"];

    public Pickings() : base("stock.picking", "Transfer", "scheduled_date asc, id desc")
    {
        Fields.Char("name", "Reference");
        Fields.Many2one("picking_type_id", "Operation Type", "stock.picking.type", required: true, checkCompany: true);
        Fields.Many2one("location_id", "Source Location", "stock.location", required: true, checkCompany: true);
        Fields.Many2one("location_dest_id", "Destination Location", "stock.location", required: true, checkCompany: true);
        Fields.Char("origin", "Source Document");
        Fields.Many2one("partner_id", "Contact", "res.partner");
        Fields.One2many("move_ids", "Stock Moves", "stock.move", "picking_id");
        Fields.Selection("state", "Status", ["draft", "waiting", "confirmed", "assigned", "done", "cancel"], "draft");
        Fields.Datetime("scheduled_date", "Scheduled Date").Default = env => env.Timestamp;
        Fields.Datetime("date_done", "Date of Transfer");
        Fields.Many2one("company_id", "Company", "res.company", required: true);
        Fields.Many2one("purchase_id", "Purchase Orders", "purchase.order");
        Fields.Computed(FieldType.Char, "picking_type_code", "Type of Operation", (env, row) => env.Get("stock.picking.type", row.Ref("picking_type_id"))?.Str("code"));

        Action("action_confirm", (env, rows) => { foreach (var row in rows) Confirm(env, row); return true; });
        Action("action_assign", (env, rows) => { foreach (var row in rows) Assign(env, row); return true; });
        Action("button_validate", (env, rows) => { foreach (var row in rows) Validate(env, row); return true; });
        Action("action_cancel", (env, rows) =>
        {
            foreach (var row in rows.Where(r => r.Str("state") != "done"))
            {
                env.Tx.Set(row, "state", "cancel");
                foreach (var move in Moves(env, row)) env.Tx.Set(move, "state", "cancel");
            }
            return true;
        });
    }

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        if (env.Get("stock.picking.type", values.GetValueOrDefault("picking_type_id") as int?) is not { } type) return;
        values["company_id"] = type.Ref("company_id");
        values.Fill("location_id", type.Ref("default_location_src_id"));
        values.Fill("location_dest_id", type.Ref("default_location_dest_id"));
        values.Fill("name", Sequences.Next(env, Name, PickingTypes.Prefix(env, type), 5));
    }

    public static IReadOnlyList<Row> Moves(Env env, Row picking) => env.Referencing("stock.move", "picking_id", picking.Id).ToList();

    public static void Confirm(Env env, Row picking)
    {
        if (picking.Str("state") != "draft") return;
        env.Tx.Set(picking, "state", "confirmed");
        foreach (var move in Moves(env, picking).Where(m => m.Str("state") == "draft")) env.Tx.Set(move, "state", "confirmed");
    }

    /// <summary>Reserves what is on hand: assigned when every move is available, else it stays confirmed.</summary>
    public static void Assign(Env env, Row picking)
    {
        Confirm(env, picking);
        if (picking.Str("state") is not ("confirmed" or "assigned")) return;
        var available = true;
        foreach (var move in Moves(env, picking).Where(m => m.Str("state") is "confirmed" or "assigned"))
        {
            var demand = move.Num("product_uom_qty");
            var free = StockMoves.Tracked(env, move) && Locations.IsInternal(env, move.Ref("location_id")) ? Quants.At(env, move.Ref("product_id")!.Value, move.Ref("location_id")!.Value) : demand;
            var reserved = Math.Min(demand, Math.Max(free, 0));
            env.Tx.Set(move, "quantity", reserved);
            env.Tx.Set(move, "state", reserved >= demand ? "assigned" : "confirmed");
            available &= reserved >= demand;
        }
        env.Tx.Set(picking, "state", available ? "assigned" : "confirmed");
    }

    public static void Validate(Env env, Row picking)
    {
        if (picking.Str("state") is "done" or "cancel") return;
        var moves = Moves(env, picking);
        if (moves.Count == 0) throw OdooError.UserError("Please add some items to move.");
        Confirm(env, picking);
        foreach (var move in moves.Where(m => m.Str("state") != "cancel")) StockMoves.Done(env, move);
        env.Tx.Set(picking, "state", "done");
        env.Tx.Set(picking, "date_done", env.Timestamp);
    }
}
