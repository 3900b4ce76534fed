using System.Text.Json.Nodes;
using ActorSync.OdooSim.Models.Accounting;
using ActorSync.OdooSim.Models.Base;
using ActorSync.OdooSim.Models.Stock;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models;

/// <summary>
/// product.product and its product.template (one variant per template here). A storable product is
/// type "consu" with is_storable; qty_available sums the quants of the allowed companies.
/// </summary>
internal sealed class Products : Model
{
    /// <summary>Fields kept equal on a product and its template.</summary>
    public static readonly string[] Shared = ["name", "default_code", "type", "is_storable", "list_price", "standard_price", "uom_id", "company_id", "active"];

    public Products() : base("product.product", "Product Variant", "default_code, name, id")
    {
        Define(Fields);
        Fields.Many2one("product_tmpl_id", "Product Template", "product.template", onDelete: OnDelete.Cascade);
        Fields.Char("barcode", "Barcode");
        Fields.Computed(FieldType.Float, "qty_available", "Quantity On Hand", (env, row) => Quants.OnHand(env, row.Id));
    }

    public static void Define(FieldSet fields)
    {
        fields.Char("name", "Name", required: true);
        fields.Char("default_code", "Internal Reference");
        fields.Selection("type", "Product Type", ["consu", "service", "combo"], "consu", required: true);
        fields.Boolean("is_storable", "Track Inventory");
        fields.Float("list_price", "Sales Price").Default = _ => 1.0;
        fields.Float("standard_price", "Cost");
        fields.Many2one("uom_id", "Unit", "uom.uom").Default = env => Uoms.Units(env);
        fields.Many2one("company_id", "Company", "res.company");
        fields.Boolean("active", "Active").Default = _ => true;
        fields.Boolean("sale_ok", "Can be Sold").Default = _ => true;
        fields.Boolean("purchase_ok", "Can be Purchased").Default = _ => true;
        fields.Many2many("taxes_id", "Sales Taxes", "account.tax").Default = env => DefaultTaxes(env, "sale");
        fields.Many2many("supplier_taxes_id", "Purchase Taxes", "account.tax").Default = env => DefaultTaxes(env, "purchase");
    }

    // Like Odoo, a new product gets the default taxes of every company the user is working in.
    private static List<int> DefaultTaxes(Env env, string use) =>
        env.Companies.Select(c => Taxes.Default(env, c, use)?.Id).OfType<int>().ToList();

    public static string Label(Row row) =>
        row.Str("default_code") is { Length: > 0 } code ? $"[{code}] {row.Str("name")}" : row.Str("name") ?? "";

    public override string DisplayName(Env env, Row row) => Label(row);

    public override OdooError MissingRequired(FieldDef field) =>
        OdooError.MandatoryField("Product Template", "product.template", field.Label, field.Name);

    public override void Created(Env env, Row row, JsonObject vals)
    {
        if (row.Ref("product_tmpl_id") is not null) return;
        var values = Shared.ToDictionary(f => f, f => row[f]);
        values["create_date"] = values["write_date"] = env.Timestamp;
        var template = env.Tx.Insert("product.template", values);
        env.Tx.Set(row, "product_tmpl_id", template.Id);
    }

    public override void Written(Env env, IReadOnlyList<Row> rows, JsonObject vals)
    {
        foreach (var row in rows)
            if (env.Get("product.template", row.Ref("product_tmpl_id")) is { } template)
                foreach (var field in Shared.Where(vals.ContainsKey)) env.Tx.Set(template, field, row[field]);
    }
}

internal sealed class ProductTemplates : Model
{
    public ProductTemplates() : base("product.template", "Product", "name, id")
    {
        Products.Define(Fields);
        Fields.One2many("product_variant_ids", "Products", "product.product", "product_tmpl_id");
        Fields.Computed(FieldType.Many2one, "product_variant_id", "Product",
            (env, row) => env.Referencing("product.product", "product_tmpl_id", row.Id).Select(p => (int?)p.Id).FirstOrDefault(), "product.product");
        Fields.Computed(FieldType.Float, "qty_available", "Quantity On Hand",
            (env, row) => env.Referencing("product.product", "product_tmpl_id", row.Id).Sum(p => Quants.OnHand(env, p.Id)));
    }

    public override string DisplayName(Env env, Row row) => Products.Label(row);

    public override void Created(Env env, Row row, JsonObject vals)
    {
        var values = Products.Shared.ToDictionary(f => f, f => row[f]);
        values["product_tmpl_id"] = row.Id;
        values["taxes_id"] = row["taxes_id"];
        values["supplier_taxes_id"] = row["supplier_taxes_id"];
        values["create_date"] = values["write_date"] = env.Timestamp;
        env.Tx.Insert("product.product", values);
    }

    public override void Written(Env env, IReadOnlyList<Row> rows, JsonObject vals)
    {
        foreach (var row in rows)
            foreach (var variant in env.Referencing("product.product", "product_tmpl_id", row.Id))
                foreach (var field in Products.Shared.Where(vals.ContainsKey)) env.Tx.Set(variant, field, row[field]);
    }
}
