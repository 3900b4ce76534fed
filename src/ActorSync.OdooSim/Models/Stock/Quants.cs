using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Stock;

/// <summary>
/// stock.quant: what is on hand per product and internal location. Clients may only create quants in
/// inventory mode (context inventory_mode) to count stock, then apply the count with action_apply_inventory.
/// </summary>
internal sealed class Quants : Model
{
    public Quants() : base("stock.quant", "Quants", "id")
    {
        Fields.Many2one("product_id", "Product", "product.product", required: true, onDelete: OnDelete.Cascade);
        Fields.Many2one("location_id", "Location", "stock.location", required: true, checkCompany: true, onDelete: OnDelete.Cascade);
        Fields.Float("quantity", "Quantity");
        Fields.Float("reserved_quantity", "Reserved Quantity");
        Fields.Float("inventory_quantity", "Counted Quantity");
        Fields.Boolean("inventory_quantity_set", "Inventory Quantity Set");
        Fields.Computed(FieldType.Float, "inventory_diff_quantity", "Difference",
            (_, row) => row.Bool("inventory_quantity_set") ? row.Num("inventory_quantity") - row.Num("quantity") : 0.0);
        Fields.Many2one("company_id", "Company", "res.company");

        Methods["create"] = new MethodDef("create", true, [new("vals_list", true)], Create, "StockQuant");
        Action("action_apply_inventory", (env, rows) =>
        {
            foreach (var quant in rows.Where(q => q.Bool("inventory_quantity_set"))) ApplyCount(env, quant);
            return Outcome.None;
        });
    }

    public override string DisplayName(Env env, Row row) =>
        $"{env.DisplayName("stock.location", row.Ref("location_id"))} - {env.DisplayName("product.product", row.Ref("product_id"))}";

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals) =>
        values["company_id"] = env.Get("stock.location", values.GetValueOrDefault("location_id") as int?)?.Ref("company_id");

    public override void Check(Env env, Row row)
    {
        if (env.Get("product.product", row.Ref("product_id"))?.Bool("is_storable") != true)
            throw OdooError.ValidationError("Quants cannot be created for consumables or services.");
    }

    private static Outcome Create(Env env, Model model, CallArgs call)
    {
        if (!env.ContextFlag("inventory_mode")) throw OdooError.UserError("Quant's creation is restricted, you can't do this operation.");
        int Count(JsonObject vals)
        {
            var product = JsonNum.Int(vals["product_id"]);
            var location = JsonNum.Int(vals["location_id"]) ?? Warehouses.Main(env, env.CompanyId)?.Ref("lot_stock_id");
            var counted = vals["inventory_quantity"];
            var existing = env.All(model.Name).FirstOrDefault(q => q.Ref("product_id") == product && q.Ref("location_id") == location);
            if (existing is null)
            {
                var values = (JsonObject)vals.DeepClone();
                if (location is int l) values["location_id"] = l;
                values["inventory_quantity_set"] = true;
                return Crud.Create(env, model, values).Id;
            }
            Crud.Write(env, model, Access.Browse(env, model, [existing.Id], "read"),
                new JsonObject { ["inventory_quantity"] = counted?.DeepClone(), ["inventory_quantity_set"] = true });
            return existing.Id;
        }
        if (call["vals_list"] is JsonObject single) return JsonValue.Create(Count(single));
        return new JsonArray([.. (call["vals_list"] as JsonArray ?? []).Select(v => (JsonNode)Count(v as JsonObject ?? []))]);
    }

    /// <summary>Books the difference between the count and the quantity as an inventory adjustment move.</summary>
    private static void ApplyCount(Env env, Row quant)
    {
        var difference = quant.Num("inventory_quantity") - quant.Num("quantity");
        if (Math.Abs(difference) > 1e-9)
        {
            var adjustment = StockSetup.Virtual(env, quant.Ref("company_id") ?? env.CompanyId, "Inventory adjustment").Id;
            var location = quant.Ref("location_id")!.Value;
            var move = Crud.Create(env.Sudo(), "stock.move", new JsonObject
            {
                ["name"] = "Product Quantity Updated",
                ["product_id"] = quant.Ref("product_id"),
                ["product_uom_qty"] = Math.Abs(difference),
                ["location_id"] = difference > 0 ? adjustment : location,
                ["location_dest_id"] = difference > 0 ? location : adjustment,
                ["company_id"] = quant.Ref("company_id"),
                ["is_inventory"] = true,
            });
            StockMoves.Done(env, move);
        }
        env.Tx.Set(quant, "inventory_quantity", 0.0);
        env.Tx.Set(quant, "inventory_quantity_set", false);
    }

    /// <summary>Adds to the quant of a product at a location (created when missing); ignores non-internal locations.</summary>
    public static void Apply(Env env, int product, int location, double delta)
    {
        if (!Locations.IsInternal(env, location)) return;
        var quant = env.Referencing("stock.quant", "product_id", product).FirstOrDefault(q => q.Ref("location_id") == location);
        if (quant is null)
        {
            env.Tx.Insert("stock.quant", new Dictionary<string, object?>
            {
                ["product_id"] = product, ["location_id"] = location, ["quantity"] = delta,
                ["company_id"] = env.Get("stock.location", location)?.Ref("company_id"),
                ["create_date"] = env.Timestamp, ["write_date"] = env.Timestamp,
            });
        }
        else
        {
            env.Tx.Set(quant, "quantity", quant.Num("quantity") + delta);
        }
    }

    public static double At(Env env, int product, int location) =>
        env.Referencing("stock.quant", "product_id", product).Where(q => q.Ref("location_id") == location).Sum(q => q.Num("quantity"));

    /// <summary>qty_available: internal quants of the companies the call works in.</summary>
    public static double OnHand(Env env, int product) =>
        env.Referencing("stock.quant", "product_id", product)
            .Where(q => Locations.IsInternal(env, q.Ref("location_id")) && (q.Ref("company_id") is not int c || env.CompanyAllowed(c)))
            .Sum(q => q.Num("quantity"));
}
