using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Accounting;

/// <summary>account.account: since Odoo 18 an account belongs to companies (company_ids); codes are unique per company.</summary>
internal sealed class Accounts : Model
{
    public static readonly IReadOnlyList<string> Types =
    [
        "asset_receivable", "asset_cash", "asset_current", "asset_non_current", "asset_prepayments", "asset_fixed",
        "liability_payable", "liability_credit_card", "liability_current", "liability_non_current",
        "equity", "equity_unaffected", "income", "income_other", "expense", "expense_other", "expense_depreciation",
        "expense_direct_cost", "off_balance",
    ];

    public Accounts() : base("account.account", "Account", "code, id")
    {
        Fields.Char("code", "Code", required: true);
        Fields.Char("name", "Account Name", required: true);
        Fields.Selection("account_type", "Type", Types, required: true);
        Fields.Many2many("company_ids", "Companies", "res.company");
        Fields.Computed(FieldType.Many2one, "company_id", "Company", (_, row) => row.Ids("company_ids").Select(c => (int?)c).FirstOrDefault(), "res.company");
        Fields.Boolean("reconcile", "Allow Reconciliation");
        Fields.Boolean("active", "Active").Default = _ => true;
    }

    public override IReadOnlyList<int> CompaniesOf(Row row) => row.Ids("company_ids");

    public override void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals)
    {
        if (!vals.ContainsKey("company_ids"))
            values["company_ids"] = new List<int> { JsonNum.Int(vals["company_id"]) ?? env.CompanyId };
        if (values.GetValueOrDefault("account_type") is "asset_receivable" or "liability_payable") values["reconcile"] = true;
    }

    public override void Check(Env env, Row row)
    {
        var companies = row.Ids("company_ids");
        if (env.All(Name).Any(a => a.Id != row.Id && a.Str("code") == row.Str("code") && a.Ids("company_ids").Any(companies.Contains)))
            throw OdooError.ValidationError($"Account codes must be unique. You can't create accounts with these duplicate codes: {row.Str("code")}");
    }

    public static Row ByType(Env env, int company, string type) =>
        env.All("account.account").First(a => a.Str("account_type") == type && a.Ids("company_ids").Contains(company));

    public static Row? ByCode(Env env, int company, string code) =>
        env.All("account.account").FirstOrDefault(a => a.Str("code") == code && a.Ids("company_ids").Contains(company));
}

/// <summary>account.tax: percentage taxes; the account that collects a tax is kept hidden.</summary>
internal sealed class Taxes : Model
{
    public Taxes() : base("account.tax", "Tax", "sequence, id")
    {
        Fields.Char("name", "Tax Name", required: true);
        Fields.Float("amount", "Amount");
        Fields.Selection("amount_type", "Tax Computation", ["percent", "fixed"], "percent");
        Fields.Selection("type_tax_use", "Tax Type", ["sale", "purchase", "none"], "sale", required: true);
        Fields.Many2one("company_id", "Company", "res.company", required: true).Default = env => (int?)env.CompanyId;
        Fields.Integer("sequence", "Sequence").Default = _ => 1L;
        Fields.Boolean("active", "Active").Default = _ => true;
        var account = Fields.Many2one("account_id", "Tax Account", "account.account", checkCompany: true);
        account.Hidden = true;
    }

    /// <summary>The company's default tax of a kind (the generic chart's 15%).</summary>
    public static Row? Default(Env env, int company, string use) =>
        env.All("account.tax").FirstOrDefault(t => t.Ref("company_id") == company && t.Str("type_tax_use") == use && t.Bool("active"));

    public static double Amount(Row tax, double baseAmount) =>
        Money.Round(tax.Str("amount_type") == "fixed" ? tax.Num("amount") : baseAmount * tax.Num("amount") / 100);
}

internal static class Money
{
    public static double Round(double amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
    public static bool IsZero(double amount) => Math.Abs(amount) < 0.005;
}
