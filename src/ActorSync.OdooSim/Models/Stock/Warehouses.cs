using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Stock;

/// <summary>stock.warehouse: creating one creates its locations (CODE, CODE/Stock) and its receipt and delivery types.</summary>
internal sealed class Warehouses : Model
{
    public Warehouses() : base("stock.warehouse", "Warehouse", "sequence, id")
    {
        Fields.Char("name", "Warehouse", required: true);
        Fields.Char("code", "Short Name", required: true);
        Fields.Many2one("company_id", "Company", "res.company", required: true).Default = env => (int?)env.CompanyId;
        Fields.Many2one("view_location_id", "View Location", "stock.location", checkCompany: true);
        Fields.Many2one("lot_stock_id", "Location Stock", "stock.location", checkCompany: true);
        Fields.Many2one("in_type_id", "In Type", "stock.picking.type", checkCompany: true);
        Fields.Many2one("out_type_id", "Out Type", "stock.picking.type", checkCompany: true);
        Fields.Many2one("partner_id", "Address", "res.partner");
        Fields.Integer("sequence", "Sequence").Default = _ => 10L;
        Fields.Boolean("active", "Active").Default = _ => true;
    }

    public override void Check(Env env, Row row)
    {
        if (env.All(Name).Any(w => w.Id != row.Id && w.Ref("company_id") == row.Ref("company_id") && (w.Str("code") == row.Str("code") || w.Str("name") == row.Str("name"))))
            throw OdooError.ValidationError("The operation cannot be completed: The name and code of the warehouse must be unique per company!");
    }

    public override void Created(Env env, Row row, JsonObject vals)
    {
        var company = row.Ref("company_id")!.Value;
        var view = StockSetup.Location(env, row.Str("code")!, "view", null, company);
        var stock = StockSetup.Location(env, "Stock", "internal", view, company);
        env.Tx.Set(row, "view_location_id", view);
        env.Tx.Set(row, "lot_stock_id", stock);
        env.Tx.Set(row, "partner_id", env.Get("res.company", company)?.Ref("partner_id"));
        var vendors = StockSetup.Partner(env, "supplier").Id;
        var customers = StockSetup.Partner(env, "customer").Id;
        env.Tx.Set(row, "in_type_id", PickingType(env, row, "Receipts", "incoming", "IN", vendors, stock));
        env.Tx.Set(row, "out_type_id", PickingType(env, row, "Delivery Orders", "outgoing", "OUT", stock, customers));
    }

    private static int PickingType(Env env, Row warehouse, string name, string code, string sequenceCode, int source, int destination) =>
        Crud.Create(env.Sudo(), "stock.picking.type", new JsonObject
        {
            ["name"] = name, ["code"] = code, ["sequence_code"] = sequenceCode, ["warehouse_id"] = warehouse.Id,
            ["company_id"] = warehouse.Ref("company_id"), ["default_location_src_id"] = source, ["default_location_dest_id"] = destination,
        }).Id;

    public static Row? Main(Env env, int company) =>
        env.All("stock.warehouse").Where(w => w.Ref("company_id") == company && w.Bool("active")).OrderBy(w => w.Id).FirstOrDefault();
}

internal sealed class PickingTypes : Model
{
    public PickingTypes() : base("stock.picking.type", "picking type", "sequence, id")
    {
        Fields.Char("name", "Operation Type", required: true);
        Fields.Selection("code", "Type of Operation", ["incoming", "outgoing", "internal"], required: true);
        Fields.Char("sequence_code", "Sequence Prefix", required: true);
        Fields.Many2one("warehouse_id", "Warehouse", "stock.warehouse", onDelete: OnDelete.Cascade);
        Fields.Many2one("company_id", "Company", "res.company", required: true);
        Fields.Many2one("default_location_src_id", "Default Source Location", "stock.location", checkCompany: true);
        Fields.Many2one("default_location_dest_id", "Default Destination Location", "stock.location", checkCompany: true);
        Fields.Integer("sequence", "Sequence").Default = _ => 10L;
        Fields.Boolean("active", "Active").Default = _ => true;
    }

    public override string DisplayName(Env env, Row row) =>
        env.Get("stock.warehouse", row.Ref("warehouse_id")) is { } warehouse ? $"{warehouse.Str("name")}: {row.Str("name")}" : row.Str("name") ?? "";

    /// <summary>The prefix of the type's pickings: "WH/OUT/".</summary>
    public static string Prefix(Env env, Row type) =>
        $"{env.Get("stock.warehouse", type.Ref("warehouse_id"))?.Str("code") ?? "WH"}/{type.Str("sequence_code")}/";

    public static Row? Of(Env env, int company, string code) =>
        env.All("stock.picking.type").Where(t => t.Ref("company_id") == company && t.Str("code") == code && t.Bool("active")).OrderBy(t => t.Id).FirstOrDefault();
}
