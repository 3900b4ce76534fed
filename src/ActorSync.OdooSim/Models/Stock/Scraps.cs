using System.Text.Json.Nodes;
using ActorSync.OdooSim.Models.Accounting;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Stock;

/// <summary>stock.scrap: action_validate moves the quantity to the company's scrap location and answers true.</summary>
internal sealed class Scraps : Model
{
    /// <summary>Numbered by <see cref="Sequences"/>, which finds names through the index.</summary>
    public override IReadOnlyCollection<string> LookedUpBy => ["name"];

    public Scraps() : base("stock.scrap", "Scrap", "id desc")
    {
        Fields.Char("name", "Reference").Default = _ => "New";
        Fields.Many2one("product_id", "Product", "product.product", required: true, checkCompany: true);
        Fields.Float("scrap_qty", "Quantity").Default = _ => 1.0;
        Fields.Many2one("product_uom_id", "Unit", "uom.uom");
        Fields.Many2one("location_id", "Source Location", "stock.location", required: true, checkCompany: true);
        Fields.Many2one("scrap_location_id", "Scrap Location", "stock.location", required: true, checkCompany: true);
        Fields.Char("origin", "Source Document");
        Fields.Selection("state", "Status", ["draft", "done"], "draft");
        Fields.Many2one("company_id", "Company", "res.company", required: true);
        Fields.Datetime("date_done", "Date");
        Fields.One2many("move_ids", "Stock Moves", "stock.move", "scrap_id");

        Action("action_validate", Validate);
    }

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        var company = values.GetValueOrDefault("company_id") as int?
            ?? env.Get("stock.location", values.GetValueOrDefault("location_id") as int?)?.Ref("company_id") ?? env.CompanyId;
        values["company_id"] = company;
        values.Fill("location_id", Warehouses.Main(env, company)?.Ref("lot_stock_id"));
        values.Fill("scrap_location_id", StockSetup.Virtual(env, company, "Scrap").Id);
        values.Fill("product_uom_id", env.Get("product.product", values.GetValueOrDefault("product_id") as int?)?.Ref("uom_id"));
    }

    private static Outcome Validate(Env env, IReadOnlyList<Row> rows)
    {
        foreach (var scrap in rows.Where(s => s.Str("state") == "draft"))
        {
            var product = scrap.Ref("product_id")!.Value;
            var location = scrap.Ref("location_id")!.Value;
            var storable = env.Get("product.product", product)?.Bool("is_storable") == true;
            // Odoo asks for confirmation (a wizard action) instead of scrapping stock it does not have.
            if (storable && Locations.IsInternal(env, location) && Quants.At(env, product, location) < scrap.Num("scrap_qty"))
            {
                return new JsonObject
                {
                    ["name"] = $"Insufficient Quantity for {env.DisplayName("product.product", product)}",
                    ["type"] = "ir.actions.act_window",
                    ["res_model"] = "stock.warn.insufficient.qty.scrap",
                    ["view_mode"] = "form",
                    ["target"] = "new",
                    ["context"] = new JsonObject { ["default_product_id"] = product, ["default_location_id"] = location, ["default_scrap_id"] = scrap.Id },
                };
            }
            var move = Crud.Create(env.Sudo(), "stock.move", new JsonObject
            {
                ["product_id"] = product,
                ["product_uom_qty"] = scrap.Num("scrap_qty"),
                ["location_id"] = location,
                ["location_dest_id"] = scrap.Ref("scrap_location_id"),
                ["origin"] = scrap.Str("origin") is { } origin ? origin : false,
                ["company_id"] = scrap.Ref("company_id"),
                ["scrap_id"] = scrap.Id,
            });
            StockMoves.Done(env, move);
            env.Tx.Set(scrap, "name", Sequences.Next(env, "stock.scrap", "SP/", 5));
            env.Tx.Set(scrap, "state", "done");
            env.Tx.Set(scrap, "date_done", env.Timestamp);
        }
        return true;
    }
}
