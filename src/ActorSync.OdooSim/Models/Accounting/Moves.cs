using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Accounting;

/// <summary>
/// account.move: invoices, credit notes, bills and journal entries. Drafts have no name; posting
/// numbers them and freezes them; entries must balance from the moment they are created.
/// </summary>
internal sealed class Moves : Model
{
    private static readonly string[] MoveTypes = ["entry", "out_invoice", "out_refund", "in_invoice", "in_refund", "out_receipt", "in_receipt"];
    private static readonly HashSet<string> EditableWhenPosted = ["ref", "narration", "payment_reference", "invoice_origin", "checked", "invoice_date_due"];
    private static readonly HashSet<string> LineFields = ["line_ids", "invoice_line_ids", "partner_id", "move_type", "currency_id"];

    /// <summary>Numbered by <see cref="Sequences"/>, which finds names through the index.</summary>
    public override IReadOnlyCollection<string> LookedUpBy => ["name"];

    public Moves() : base("account.move", "Journal Entry", "date desc, name desc, invoice_date desc, id desc")
    {
        Fields.Char("name", "Number");
        Fields.Char("ref", "Reference");
        Fields.Html("narration", "Terms and Conditions");
        Fields.Selection("move_type", "Type", MoveTypes, "entry", required: true);
        Fields.Selection("state", "Status", ["draft", "posted", "cancel"], "draft", required: true);
        Fields.Date("date", "Date", required: true);
        Fields.Date("invoice_date", "Invoice/Bill Date");
        Fields.Date("invoice_date_due", "Due Date");
        Fields.Many2one("partner_id", "Partner", "res.partner");
        Fields.Many2one("journal_id", "Journal", "account.journal", required: true, checkCompany: true);
        Fields.Many2one("company_id", "Company", "res.company", required: true);
        Fields.Many2one("currency_id", "Currency", "res.currency");
        Fields.One2many("line_ids", "Journal Items", "account.move.line", "move_id");
        Fields.One2many("invoice_line_ids", "Invoice lines", "account.move.line", "move_id",
            line => line.Str("display_type") is "product" or "line_section" or "line_subsection" or "line_note");
        Fields.Computed(FieldType.Monetary, "amount_untaxed", "Untaxed Amount", (env, row) => Invoices.Totals(env, row).Untaxed);
        Fields.Computed(FieldType.Monetary, "amount_tax", "Tax", (env, row) => Invoices.Totals(env, row).Tax);
        Fields.Computed(FieldType.Monetary, "amount_total", "Total", (env, row) => Invoices.Totals(env, row).Total);
        Fields.Computed(FieldType.Monetary, "amount_residual", "Amount Due", (env, row) => Invoices.Residual(env, row));
        Fields.Selection("payment_state", "Payment Status", ["not_paid", "in_payment", "paid", "partial", "reversed", "blocked", "invoicing_legacy"], "not_paid");
        Fields.Char("payment_reference", "Payment Reference");
        Fields.Char("invoice_origin", "Origin");
        Fields.Many2one("origin_payment_id", "Payment", "account.payment");
        Fields.Monetary("paid_amount", "Paid").Hidden = true;

        Action("action_post", Post);
        Action("button_draft", (env, rows) =>
        {
            foreach (var row in rows.Where(r => r.Str("state") is "posted" or "cancel")) env.Tx.Set(row, "state", "draft");
            return Outcome.None;
        });
        Action("button_cancel", (env, rows) =>
        {
            foreach (var row in rows.Where(r => r.Str("state") == "posted")) env.Tx.Set(row, "state", "draft");
            if (rows.Any(r => r.Str("state") != "draft")) throw OdooError.UserError("Only draft journal entries can be cancelled.");
            foreach (var row in rows) env.Tx.Set(row, "state", "cancel");
            return Outcome.None;
        });
    }

    public static OdooError DeletePosted() => OdooError.UserError(
        "You can't delete a posted journal item. Don\u2019t play games with your accounting records; reset the journal entry to draft before deleting it.");

    public override string DisplayName(Env env, Row row)
    {
        var name = "";
        if (row.Str("state") == "draft")
        {
            name = row.Str("move_type") switch
            {
                "out_invoice" => "Draft Invoice",
                "out_refund" => "Draft Credit Note",
                "in_invoice" => "Draft Bill",
                "in_refund" => "Draft Vendor Credit Note",
                "out_receipt" => "Draft Sales Receipt",
                "in_receipt" => "Draft Purchase Receipt",
                _ => "Draft Entry",
            } + " ";
        }
        name += row.Str("name") is { Length: > 0 } number and not "/" ? number : $"(* {row.Id})";
        return row.Str("ref") is { Length: > 0 } reference ? $"{name} ({reference})" : name;
    }

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        var type = values.GetValueOrDefault("move_type") as string ?? "entry";
        var company = values.GetValueOrDefault("company_id") as int?;
        if (env.Get("account.journal", values.GetValueOrDefault("journal_id") as int?) is { } journal)
        {
            company ??= journal.Ref("company_id");
        }
        else
        {
            company ??= env.CompanyId;
            var kind = type.StartsWith("out", StringComparison.Ordinal) ? "sale" : type.StartsWith("in", StringComparison.Ordinal) ? "purchase" : "general";
            journal = Journals.OfType(env, company.Value, kind) ?? throw OdooError.UserError(
                $"No journal could be found in company {env.DisplayName("res.company", company)} for any of those types: {kind}");
            values["journal_id"] = journal.Id;
        }
        values["company_id"] = company;
        values.Fill("currency_id", env.Get("res.company", company)?.Ref("currency_id"));
        values.Fill("date", values.GetValueOrDefault("invoice_date") as string ?? env.Today);
    }

    public override void Created(Env env, Row row, JsonObject vals) => Refresh(env, row);

    public override void Writing(Env env, IReadOnlyList<Row> rows, JsonObject vals)
    {
        var locked = vals.Select(p => p.Key).Where(k => !EditableWhenPosted.Contains(k)).ToList();
        if (locked.Count > 0 && rows.Any(r => r.Str("state") == "posted"))
            throw OdooError.UserError($"You cannot modify the following readonly fields on a posted move: {string.Join(", ", locked)}");
    }

    public override void Written(Env env, IReadOnlyList<Row> rows, JsonObject vals)
    {
        foreach (var row in rows.Where(r => r.Str("state") == "draft"))
        {
            if (vals.ContainsKey("date") || vals.ContainsKey("invoice_date"))
            {
                if (vals.ContainsKey("invoice_date") && !vals.ContainsKey("date") && row.Str("invoice_date") is { } invoiceDate) env.Tx.Set(row, "date", invoiceDate);
                foreach (var line in Lines(env, row)) env.Tx.Set(line, "date", row.Str("date"));
            }
            if (vals.Any(p => LineFields.Contains(p.Key))) Refresh(env, row);
        }
    }

    public override void Unlinking(Env env, IReadOnlyList<Row> rows)
    {
        if (rows.Any(r => r.Str("state") == "posted")) throw DeletePosted();
    }

    public static IReadOnlyList<Row> Lines(Env env, Row move) => env.Referencing("account.move.line", "move_id", move.Id).ToList();

    private static void Refresh(Env env, Row move)
    {
        if (MoveLines.IsInvoice(move.Str("move_type"))) Invoices.Rebuild(env, move);
        else CheckBalanced(env, move);
    }

    public static void CheckBalanced(Env env, Row move)
    {
        if (!Money.IsZero(Lines(env, move).Sum(l => l.Num("balance"))))
            throw OdooError.UserError("The entry is not balanced.");
    }

    private static Outcome Post(Env env, IReadOnlyList<Row> rows)
    {
        foreach (var row in rows.Where(r => r.Str("state") != "draft"))
            throw OdooError.UserError($"The entry {row.Str("name") ?? "False"} (id {row.Id}) must be in draft.");
        foreach (var row in rows)
        {
            var type = row.Str("move_type");
            if (!Lines(env, row).Any(l => l.Str("display_type") is not ("line_section" or "line_subsection" or "line_note")))
                throw OdooError.UserError("You need to add a line before posting.");
            if (MoveLines.IsInvoice(type))
            {
                if (row.Ref("partner_id") is null)
                {
                    var (role, document) = type!.StartsWith("out", StringComparison.Ordinal) ? ("Customer", "Customer Invoice") : ("Vendor", "Vendor Bill");
                    throw OdooError.UserError($"The field '{role}' is required, please complete it to validate the {document}.");
                }
                if (row.Str("invoice_date") is null) env.Tx.Set(row, "invoice_date", env.Today);
                env.Tx.Set(row, "date", row.Str("invoice_date"));
                foreach (var line in Lines(env, row)) env.Tx.Set(line, "date", row.Str("date"));
            }
            CheckBalanced(env, row);
            if (row.Str("name") is null or "/") env.Tx.Set(row, "name", Sequences.MoveName(env, row));
            env.Tx.Set(row, "state", "posted");
        }
        return false;
    }
}
