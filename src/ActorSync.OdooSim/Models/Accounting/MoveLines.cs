using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Accounting;

/// <summary>
/// account.move.line. As in Odoo 16+, balance is the truth and debit/credit follow from it (a
/// negative debit becomes a credit). Invoice lines get their amounts from quantity × price.
/// </summary>
internal sealed class MoveLines : Model
{
    private static readonly HashSet<string> Notes = ["line_section", "line_subsection", "line_note"];
    private static readonly HashSet<string> LockedWhenPosted =
        ["account_id", "partner_id", "debit", "credit", "balance", "amount_currency", "quantity", "price_unit", "discount", "tax_ids", "product_id", "move_id", "currency_id", "display_type"];

    public MoveLines() : base("account.move.line", "Journal Item", "date desc, move_name desc, id")
    {
        Fields.Many2one("move_id", "Journal Entry", "account.move", required: true, onDelete: OnDelete.Cascade);
        Fields.Char("name", "Label");
        Fields.Many2one("account_id", "Account", "account.account", checkCompany: true);
        Fields.Many2one("partner_id", "Partner", "res.partner");
        Fields.Monetary("debit", "Debit");
        Fields.Monetary("credit", "Credit");
        Fields.Monetary("balance", "Balance");
        Fields.Monetary("amount_currency", "Amount in Currency");
        Fields.Float("quantity", "Quantity").Default = _ => 1.0;
        Fields.Float("price_unit", "Unit Price");
        Fields.Float("discount", "Discount (%)");
        Fields.Monetary("price_subtotal", "Subtotal");
        Fields.Monetary("price_total", "Total");
        Fields.Many2many("tax_ids", "Taxes", "account.tax", checkCompany: true);
        Fields.Many2one("tax_line_id", "Originator Tax", "account.tax");
        Fields.Selection("display_type", "Display Type",
            ["product", "cogs", "tax", "discount", "rounding", "payment_term", "line_section", "line_subsection", "line_note", "epd"], "product");
        Fields.Many2one("product_id", "Product", "product.product");
        Fields.Json("analytic_distribution", "Analytic Distribution");
        Fields.Many2one("company_id", "Company", "res.company");
        Fields.Many2one("journal_id", "Journal", "account.journal");
        Fields.Many2one("currency_id", "Currency", "res.currency");
        Fields.Date("date", "Date");
        Fields.Computed(FieldType.Char, "move_name", "Number", (env, row) => env.Get("account.move", row.Ref("move_id"))?.Str("name"));
        Fields.Computed(FieldType.Char, "parent_state", "Status", (env, row) => env.Get("account.move", row.Ref("move_id"))?.Str("state"));
        Fields.Boolean("reconciled", "Reconciled");
    }

    public override string DisplayName(Env env, Row row) =>
        row.Str("name") ?? env.DisplayName("account.move", row.Ref("move_id"));

    /// <summary>+1 when the income/expense lines of this move type are debits, -1 when credits.</summary>
    public static int Sign(string? moveType) => moveType is "out_invoice" or "in_refund" or "out_receipt" ? -1 : 1;

    public static bool IsInvoice(string? moveType) => moveType is not (null or "entry");

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        if (env.Get("account.move", values.GetValueOrDefault("move_id") as int?) is not { } move) return;
        var company = move.Ref("company_id")!.Value;
        values["company_id"] = company;
        values["journal_id"] = move.Ref("journal_id");
        values["currency_id"] = move.Ref("currency_id");
        values["date"] = move.Str("date");
        var type = move.Str("move_type");
        if (Notes.Contains(values.GetValueOrDefault("display_type") as string ?? "")) return;

        if (IsInvoice(type))
        {
            if (!vals.ContainsKey("partner_id")) values["partner_id"] = move.Ref("partner_id");
            if (env.Get("product.product", values.GetValueOrDefault("product_id") as int?) is { } product)
            {
                if (values.GetValueOrDefault("name") is null) values["name"] = env.Model("product.product").DisplayName(env, product);
                if (!vals.ContainsKey("price_unit")) values["price_unit"] = product.Num(type!.StartsWith("out", StringComparison.Ordinal) ? "list_price" : "standard_price");
                if (!vals.ContainsKey("tax_ids"))
                    values["tax_ids"] = product.Ids(type!.StartsWith("out", StringComparison.Ordinal) ? "taxes_id" : "supplier_taxes_id")
                        .Where(t => env.Get("account.tax", t)?.Ref("company_id") == company).ToList();
            }
            if (values.GetValueOrDefault("account_id") is null && values.GetValueOrDefault("display_type") is "product")
                values["account_id"] = env.Get("account.journal", move.Ref("journal_id"))?.Ref("default_account_id")
                    ?? Accounts.ByType(env, company, type!.StartsWith("out", StringComparison.Ordinal) ? "income" : "expense").Id;
        }
        var subtotal = Subtotal(values);
        values["price_subtotal"] = subtotal;
        values["price_total"] = subtotal;
        double balance;
        if (vals.ContainsKey("balance")) balance = values.GetValueOrDefault("balance") as double? ?? 0;
        else if (vals.ContainsKey("debit") || vals.ContainsKey("credit")) balance = Num(values, "debit") - Num(values, "credit");
        else balance = IsInvoice(type) && values.GetValueOrDefault("display_type") is "product" ? Sign(type) * subtotal : 0;
        SetBalance(values, balance);
    }

    public static double Subtotal(IReadOnlyDictionary<string, object?> values) =>
        Money.Round(Num(values, "quantity") * Num(values, "price_unit") * (1 - Num(values, "discount") / 100));

    private static double Num(IReadOnlyDictionary<string, object?> values, string field) => values.GetValueOrDefault(field) as double? ?? 0;

    public static void SetBalance(IDictionary<string, object?> values, double balance)
    {
        balance = Money.Round(balance);
        values["balance"] = balance;
        values["amount_currency"] = balance;
        values["debit"] = balance > 0 ? balance : 0.0;
        values["credit"] = balance < 0 ? -balance : 0.0;
    }

    public static void SetBalance(Env env, Row line, double balance)
    {
        var values = new Dictionary<string, object?>();
        SetBalance(values, balance);
        foreach (var (field, value) in values) env.Tx.Set(line, field, value);
    }

    public override void Check(Env env, Row row)
    {
        if (row.Ref("account_id") is null && !Notes.Contains(row.Str("display_type") ?? ""))
            throw OdooError.MandatoryField(Description, Name, "Account", "account_id");
        Analytic.CheckDistribution(env, this, row);
    }

    public override void Writing(Env env, IReadOnlyList<Row> rows, JsonObject vals)
    {
        var locked = vals.Select(p => p.Key).Where(LockedWhenPosted.Contains).ToList();
        if (locked.Count > 0 && rows.Any(r => env.Get("account.move", r.Ref("move_id"))?.Str("state") == "posted"))
            throw OdooError.UserError($"You cannot modify the following readonly fields on a posted move: {string.Join(", ", locked)}");
    }

    public override void Written(Env env, IReadOnlyList<Row> rows, JsonObject vals)
    {
        foreach (var row in rows)
        {
            if (vals.ContainsKey("balance")) SetBalance(env, row, row.Num("balance"));
            else if (vals.ContainsKey("debit") || vals.ContainsKey("credit")) SetBalance(env, row, row.Num("debit") - row.Num("credit"));
        }
        foreach (var move in rows.Select(r => env.Get("account.move", r.Ref("move_id"))).OfType<Row>().DistinctBy(m => m.Id))
            if (IsInvoice(move.Str("move_type")) && move.Str("state") == "draft") Invoices.Rebuild(env, move);
    }

    public override void Unlinking(Env env, IReadOnlyList<Row> rows)
    {
        if (rows.Any(r => env.Get("account.move", r.Ref("move_id"))?.Str("state") == "posted"))
            throw Moves.DeletePosted();
    }
}
