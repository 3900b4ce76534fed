using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Accounting;

/// <summary>
/// account.payment: posting (action_post, which returns None) numbers the payment PBNK1/2026/00001,
/// books its journal entry and leaves it "in_process" until a bank statement would match it.
/// </summary>
internal sealed class Payments : Model
{
    /// <summary>Numbered by <see cref="Sequences"/>, which finds names through the index.</summary>
    public override IReadOnlyCollection<string> LookedUpBy => ["name"];

    public Payments() : base("account.payment", "Payments", "date desc, name desc")
    {
        Fields.Char("name", "Number");
        Fields.Selection("payment_type", "Payment Type", ["outbound", "inbound"], "inbound", required: true);
        Fields.Selection("partner_type", "Partner Type", ["customer", "supplier"], "customer");
        Fields.Many2one("partner_id", "Customer/Vendor", "res.partner");
        Fields.Monetary("amount", "Amount");
        Fields.Many2one("currency_id", "Currency", "res.currency");
        Fields.Many2one("journal_id", "Journal", "account.journal", required: true, checkCompany: true);
        Fields.Many2one("company_id", "Company", "res.company", required: true);
        Fields.Date("date", "Date", required: true).Default = env => env.Today;
        Fields.Char("memo", "Memo");
        Fields.Selection("state", "Status", ["draft", "in_process", "paid", "canceled", "rejected"], "draft", required: true);
        Fields.Many2one("move_id", "Journal Entry", "account.move");
        Fields.Many2one("payment_method_line_id", "Payment Method", "account.payment.method.line", checkCompany: true);
        Fields.Many2many("invoice_ids", "Invoices", "account.move");
        Fields.Boolean("is_reconciled", "Is Reconciled");
        Fields.Boolean("is_matched", "Is Matched With a Bank Statement");

        Action("action_post", (env, rows) =>
        {
            foreach (var row in rows) Post(env, row);
            return Outcome.None;
        });
        Action("action_cancel", (env, rows) =>
        {
            foreach (var row in rows) env.Tx.Set(row, "state", "canceled");
            return Outcome.None;
        });
    }

    public override string DisplayName(Env env, Row row) => row.Str("name") ?? "Draft Payment";

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        if (values.GetValueOrDefault("journal_id") is not int journalId)
        {
            var company = values.GetValueOrDefault("company_id") as int? ?? env.CompanyId;
            journalId = (Journals.OfType(env, company, "bank") ?? Journals.OfType(env, company, "cash"))?.Id
                ?? throw OdooError.UserError("Please define a payment method line on your payment.");
            values["journal_id"] = journalId;
        }
        var journal = env.Get("account.journal", journalId)!;
        values.Fill("company_id", journal.Ref("company_id"));
        values.Fill("currency_id", env.Get("res.company", values.GetValueOrDefault("company_id") as int?)?.Ref("currency_id"));
        values.Fill("payment_method_line_id", env.Referencing("account.payment.method.line", "journal_id", journalId)
            .FirstOrDefault(m => m.Str("payment_type") == values.GetValueOrDefault("payment_type") as string)?.Id);
    }

    public static void Post(Env env, Row payment)
    {
        if (payment.Str("state") != "draft") throw OdooError.UserError("Only a draft payment can be posted.");
        var journal = env.Get("account.journal", payment.Ref("journal_id"))!;
        var date = payment.Str("date")!;
        var name = Sequences.Next(env, "account.payment", $"P{journal.Str("code")}/{date[..4]}/", 5);
        var company = payment.Ref("company_id")!.Value;
        var inbound = payment.Str("payment_type") == "inbound";
        var counterpart = Accounts.ByType(env, company, payment.Str("partner_type") == "supplier" ? "liability_payable" : "asset_receivable");
        var bank = journal.Ref("default_account_id") ?? Accounts.ByType(env, company, "asset_cash").Id;
        var amount = payment.Num("amount");
        var partner = payment.Ref("partner_id") is int p ? p : (JsonNode)false;
        var move = Crud.Create(env.Sudo(), "account.move", new JsonObject
        {
            ["move_type"] = "entry",
            ["journal_id"] = journal.Id,
            ["date"] = date,
            ["ref"] = payment.Str("memo") is { } memo ? memo : false,
            ["partner_id"] = partner.DeepClone(),
            ["origin_payment_id"] = payment.Id,
            ["line_ids"] = new JsonArray(
                new JsonArray(0, 0, new JsonObject { ["account_id"] = bank, ["balance"] = inbound ? amount : -amount, ["partner_id"] = partner.DeepClone(), ["name"] = payment.Str("memo") ?? name }),
                new JsonArray(0, 0, new JsonObject { ["account_id"] = counterpart.Id, ["balance"] = inbound ? -amount : amount, ["partner_id"] = partner.DeepClone(), ["name"] = payment.Str("memo") ?? name })),
        });
        env.Tx.Set(move, "name", name);
        env.Tx.Set(move, "state", "posted");
        env.Tx.Set(payment, "name", name);
        env.Tx.Set(payment, "move_id", move.Id);
        env.Tx.Set(payment, "state", "in_process");
    }
}

/// <summary>
/// account.payment.register, the "Register Payment" wizard: created with context active_model /
/// active_ids naming posted invoices; action_create_payments posts one payment and applies it.
/// </summary>
internal sealed class PaymentRegister : Model
{
    public PaymentRegister() : base("account.payment.register", "Pay")
    {
        Fields.Monetary("amount", "Amount");
        Fields.Many2one("journal_id", "Journal", "account.journal", checkCompany: true);
        Fields.Date("payment_date", "Payment Date", required: true).Default = env => env.Today;
        Fields.Char("communication", "Memo");
        Fields.Many2one("partner_id", "Customer/Vendor", "res.partner");
        Fields.Selection("payment_type", "Payment Type", ["outbound", "inbound"], "inbound");
        Fields.Selection("partner_type", "Partner Type", ["customer", "supplier"], "customer");
        Fields.Many2one("company_id", "Company", "res.company");
        Fields.Many2many("line_ids", "Journal items", "account.move.line");
        Fields.Many2many("invoice_ids", "Invoices", "account.move").Hidden = true;
        Methods["action_create_payments"] = new MethodDef("action_create_payments", false, [], (env, model, call) => CreatePayments(env, call.Rows(env, model)), "AccountPaymentRegister");
    }

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        var activeModel = env.ContextString("active_model");
        var ids = JsonNum.Ints(env.Context["active_ids"]);
        if (activeModel is not ("account.move" or "account.move.line") || ids.Count == 0)
            throw OdooError.UserError("The register payment wizard should only be called on account.move or account.move.line records.");
        var moves = activeModel == "account.move"
            ? Access.Browse(env, env.Model("account.move"), ids, "read")
            : Access.Browse(env, env.Model("account.move.line"), ids, "read").Select(l => env.Get("account.move", l.Ref("move_id"))!).DistinctBy(m => m.Id).ToList();
        if (moves.Count == 0 || moves.Any(m => m.Str("state") != "posted"))
            throw OdooError.UserError("You can only register payment for posted journal entries.");
        var first = moves[0];
        var outgoing = first.Str("move_type") is "in_invoice" or "out_refund" or "in_receipt";
        values["company_id"] = first.Ref("company_id");
        values["invoice_ids"] = moves.Select(m => m.Id).ToList();
        values["line_ids"] = moves.SelectMany(m => Moves.Lines(env, m)).Where(l => l.Str("display_type") == "payment_term").Select(l => l.Id).ToList();
        values.Fill("partner_id", first.Ref("partner_id"));
        values["payment_type"] = outgoing ? "outbound" : "inbound";
        values["partner_type"] = first.Str("move_type")!.StartsWith("in", StringComparison.Ordinal) ? "supplier" : "customer";
        values.Fill("journal_id", (Journals.OfType(env, first.Ref("company_id")!.Value, "bank") ?? Journals.OfType(env, first.Ref("company_id")!.Value, "cash"))?.Id);
        if (!vals.ContainsKey("amount")) values["amount"] = moves.Sum(m => Invoices.Residual(env, m));
        values.Fill("communication", string.Join(" ", moves.Select(m => m.Str("name"))));
    }

    private static Outcome CreatePayments(Env env, IReadOnlyList<Row> wizards)
    {
        JsonObject? action = null;
        foreach (var wizard in wizards)
        {
            var payment = Crud.Create(env, "account.payment", new JsonObject
            {
                ["payment_type"] = wizard.Str("payment_type"),
                ["partner_type"] = wizard.Str("partner_type"),
                ["partner_id"] = wizard.Ref("partner_id") is int p ? p : false,
                ["amount"] = wizard.Num("amount"),
                ["journal_id"] = wizard.Ref("journal_id") is int j ? j : false,
                ["date"] = wizard.Str("payment_date"),
                ["memo"] = wizard.Str("communication") is { } memo ? memo : false,
                ["invoice_ids"] = new JsonArray(new JsonArray(6, 0, new JsonArray([.. wizard.Ids("invoice_ids").Select(i => (JsonNode)i)]))),
            });
            Payments.Post(env, payment);
            var invoices = wizard.Ids("invoice_ids").Select(id => env.Get("account.move", id)).OfType<Row>().OrderBy(m => m.Id);
            var left = Invoices.Reconcile(env, invoices, payment.Num("amount"));
            env.Tx.Set(payment, "is_reconciled", Money.IsZero(left));
            action = new JsonObject
            {
                ["name"] = "Payments",
                ["type"] = "ir.actions.act_window",
                ["res_model"] = "account.payment",
                ["context"] = new JsonObject { ["create"] = false },
                ["view_mode"] = "form",
                ["res_id"] = payment.Id,
            };
        }
        return action ?? (Outcome)true;
    }
}
