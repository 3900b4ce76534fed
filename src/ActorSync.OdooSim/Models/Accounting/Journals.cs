using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Accounting;

/// <summary>account.journal: codes unique per company; bank and cash journals get "Manual Payment" methods.</summary>
internal sealed class Journals : Model
{
    public Journals() : base("account.journal", "Journal", "sequence, type, code")
    {
        Fields.Char("name", "Journal Name", required: true);
        Fields.Char("code", "Short Code", required: true);
        Fields.Selection("type", "Type", ["sale", "purchase", "cash", "bank", "credit", "general"], required: true);
        Fields.Many2one("company_id", "Company", "res.company", required: true).Default = env => (int?)env.CompanyId;
        Fields.Many2one("default_account_id", "Default Account", "account.account", checkCompany: true);
        Fields.Many2one("currency_id", "Currency", "res.currency");
        Fields.Integer("sequence", "Sequence").Default = _ => 10L;
        Fields.Boolean("active", "Active").Default = _ => true;
        Fields.One2many("inbound_payment_method_line_ids", "Inbound Payment Methods", "account.payment.method.line", "journal_id", r => r.Str("payment_type") == "inbound");
        Fields.One2many("outbound_payment_method_line_ids", "Outbound Payment Methods", "account.payment.method.line", "journal_id", r => r.Str("payment_type") == "outbound");
    }

    public override void Check(Env env, Row row)
    {
        if (env.All(Name).Any(j => j.Id != row.Id && j.Ref("company_id") == row.Ref("company_id") && j.Str("code") == row.Str("code")))
            throw OdooError.ValidationError("The operation cannot be completed: Journal codes must be unique per company.");
    }

    public override void Created(Env env, Row row, JsonObject vals)
    {
        if (row.Str("type") is not ("bank" or "cash")) return;
        foreach (var direction in new[] { "inbound", "outbound" })
            Crud.Create(env.Sudo(), "account.payment.method.line", new JsonObject { ["name"] = "Manual Payment", ["journal_id"] = row.Id, ["payment_type"] = direction });
    }

    public static Row? OfType(Env env, int company, string type) =>
        env.All("account.journal").Where(j => j.Ref("company_id") == company && j.Str("type") == type && j.Bool("active"))
            .OrderBy(j => j.Num("sequence")).ThenBy(j => j.Id).FirstOrDefault();
}

internal sealed class PaymentMethodLines : Model
{
    public PaymentMethodLines() : base("account.payment.method.line", "Payment Methods", "sequence, id")
    {
        Fields.Char("name", "Name", required: true);
        Fields.Many2one("journal_id", "Journal", "account.journal", required: true, onDelete: OnDelete.Cascade);
        Fields.Selection("payment_type", "Payment Type", ["inbound", "outbound"], required: true);
        Fields.Many2one("company_id", "Company", "res.company");
        Fields.Integer("sequence", "Sequence").Default = _ => 10L;
    }

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals) =>
        values["company_id"] = env.Get("account.journal", values.GetValueOrDefault("journal_id") as int?)?.Ref("company_id");

    public override string DisplayName(Env env, Row row) =>
        $"{row.Str("name")} ({env.DisplayName("account.journal", row.Ref("journal_id"))})";
}
