using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Accounting;

/// <summary>
/// account.chart.template: try_loading([], "generic_coa", company) installs the part of Odoo's
/// generic chart that ActorSync uses — accounts, the 15% taxes and the standard journals.
/// </summary>
internal sealed class ChartTemplate : Model
{
    private static readonly (string Code, string Name, string Type)[] Chart =
    [
        ("101401", "Bank", "asset_cash"),
        ("101501", "Cash", "asset_cash"),
        ("110100", "Stock Valuation", "asset_current"),
        ("121000", "Account Receivable", "asset_receivable"),
        ("131000", "Tax Paid", "asset_current"),
        ("211000", "Account Payable", "liability_payable"),
        ("251000", "Tax Received", "liability_current"),
        ("400000", "Product Sales", "income"),
        ("400100", "Services Revenue", "income"),
        ("400200", "Other Operating Revenue", "income"),
        ("500000", "Cost of Goods Sold", "expense_direct_cost"),
        ("600000", "Expenses", "expense"),
        ("999999", "Undistributed Profits/Losses", "equity_unaffected"),
    ];

    // Odoo 19's generic chart, in its order: INV, BILL, MISC, EXCH, CABA, BNK1, CSH1.
    private static readonly (string Code, string Name, string Type, string? Account)[] JournalList =
    [
        ("INV", "Customer Invoices", "sale", "400000"),
        ("BILL", "Vendor Bills", "purchase", "600000"),
        ("MISC", "Miscellaneous Operations", "general", null),
        ("EXCH", "Exchange Difference", "general", null),
        ("CABA", "Cash Basis Taxes", "general", null),
        ("BNK1", "Bank", "bank", "101401"),
        ("CSH1", "Cash", "cash", "101501"),
    ];

    public ChartTemplate() : base("account.chart.template", "Account Chart Template")
    {
        Methods["try_loading"] = new MethodDef("try_loading", false,
            [new("template_code", true), new("company", true), new("install_demo"), new("force_create")],
            (env, _, call) =>
            {
                var company = JsonNum.Int(call["company"]) ?? env.CompanyId;
                if (env.Get("res.company", company) is null) throw OdooError.MissingError($"Record does not exist or has been deleted.\n(Record: res.company({company},), User: {env.Uid})");
                Load(env, company);
                return Outcome.None;
            },
            "AccountChartTemplate");
    }

    public static void Load(Env env, int company)
    {
        var row = env.Get("res.company", company)!;
        if (row.Str("chart_template") is not null) return;
        var su = env.Sudo();
        foreach (var (code, name, type) in Chart)
            Crud.Create(su, "account.account", new JsonObject { ["code"] = code, ["name"] = name, ["account_type"] = type, ["company_ids"] = new JsonArray(company) });
        foreach (var (use, account) in new[] { ("sale", "251000"), ("purchase", "131000") })
        {
            Crud.Create(su, "account.tax", new JsonObject
            {
                ["name"] = "15%", ["amount"] = 15.0, ["type_tax_use"] = use, ["company_id"] = company,
                ["account_id"] = Accounts.ByCode(env, company, account)!.Id,
            });
        }
        var sequence = 1;
        foreach (var (code, name, type, account) in JournalList)
        {
            var vals = new JsonObject { ["code"] = code, ["name"] = name, ["type"] = type, ["company_id"] = company, ["sequence"] = sequence++ };
            if (account is not null) vals["default_account_id"] = Accounts.ByCode(env, company, account)!.Id;
            Crud.Create(su, "account.journal", vals);
        }
        env.Tx.Set(row, "chart_template", "generic_coa");
    }
}

/// <summary>account.analytic.plan and account.analytic.account (departments / cost centers).</summary>
internal sealed class AnalyticPlans : Model
{
    public AnalyticPlans() : base("account.analytic.plan", "Analytic Plans", "sequence asc, id")
    {
        Fields.Char("name", "Name", required: true);
        Fields.Integer("sequence", "Sequence").Default = _ => 10L;
        Fields.One2many("account_ids", "Accounts", "account.analytic.account", "plan_id");
    }
}

internal sealed class AnalyticAccounts : Model
{
    public AnalyticAccounts() : base("account.analytic.account", "Analytic Account", "plan_id, name asc")
    {
        Fields.Char("name", "Analytic Account", required: true);
        Fields.Char("code", "Reference");
        Fields.Many2one("plan_id", "Plan", "account.analytic.plan", required: true);
        Fields.Many2one("company_id", "Company", "res.company").Default = env => (int?)env.CompanyId;
        Fields.Many2one("partner_id", "Customer", "res.partner");
        Fields.Boolean("active", "Active").Default = _ => true;
    }

    public override string DisplayName(Env env, Row row) =>
        row.Str("code") is { Length: > 0 } code ? $"[{code}] {row.Str("name")}" : row.Str("name") ?? "";
}
