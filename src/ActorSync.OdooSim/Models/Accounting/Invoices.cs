using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Accounting;

/// <summary>
/// The invoice side of account.move: product lines drive tax lines and the receivable (or payable)
/// line that balances the invoice; totals and the amount due follow from the lines and the payments.
/// </summary>
internal static class Invoices
{
    public readonly record struct Amounts(double Untaxed, double Tax, double Total);

    public static Amounts Totals(Env env, Row move)
    {
        var lines = Moves.Lines(env, move);
        if (!MoveLines.IsInvoice(move.Str("move_type")))
        {
            var debit = Money.Round(lines.Sum(l => l.Num("debit")));
            return new(debit, 0, debit);
        }
        var untaxed = Money.Round(lines.Where(l => l.Str("display_type") == "product").Sum(l => l.Num("price_subtotal")));
        var tax = Money.Round(lines.Where(l => l.Str("display_type") == "tax").Sum(l => Math.Abs(l.Num("balance"))));
        return new(untaxed, tax, Money.Round(untaxed + tax));
    }

    public static double Residual(Env env, Row move)
    {
        if (!MoveLines.IsInvoice(move.Str("move_type")) || move.Str("state") == "cancel") return 0.0;
        return Money.Round(Math.Max(Totals(env, move).Total - move.Num("paid_amount"), 0));
    }

    /// <summary>Recomputes product lines and replaces the tax and receivable/payable lines of a draft invoice.</summary>
    public static void Rebuild(Env env, Row move)
    {
        var type = move.Str("move_type");
        var sign = MoveLines.Sign(type);
        var lines = Moves.Lines(env, move);
        foreach (var line in lines.Where(l => l.Str("display_type") is "tax" or "payment_term")) env.Tx.Delete(line);
        var taxes = new Dictionary<int, double>();
        var balance = 0.0;
        foreach (var line in lines.Where(l => l.Str("display_type") == "product"))
        {
            var subtotal = MoveLines.Subtotal(line.Values);
            var lineTaxes = line.Ids("tax_ids").Select(id => env.Get("account.tax", id)).OfType<Row>().ToList();
            env.Tx.Set(line, "price_subtotal", subtotal);
            env.Tx.Set(line, "price_total", Money.Round(subtotal + lineTaxes.Sum(t => Taxes.Amount(t, subtotal))));
            env.Tx.Set(line, "partner_id", move.Ref("partner_id"));
            MoveLines.SetBalance(env, line, sign * subtotal);
            balance += sign * subtotal;
            foreach (var tax in lineTaxes) taxes[tax.Id] = taxes.GetValueOrDefault(tax.Id) + Taxes.Amount(tax, subtotal);
        }
        foreach (var (taxId, amount) in taxes.Where(t => !Money.IsZero(t.Value)))
        {
            var tax = env.Get("account.tax", taxId)!;
            AddLine(env, move, "tax", tax["account_id"] as int? ?? Accounts.ByType(env, move.Ref("company_id")!.Value, "liability_current").Id,
                sign * amount, tax.Str("name"), taxId);
            balance += sign * Money.Round(amount);
        }
        var counterpart = type!.StartsWith("out", StringComparison.Ordinal) ? "asset_receivable" : "liability_payable";
        AddLine(env, move, "payment_term", Accounts.ByType(env, move.Ref("company_id")!.Value, counterpart).Id, -balance, move.Str("payment_reference"), null);
    }

    private static void AddLine(Env env, Row move, string kind, int account, double balance, string? name, int? tax)
    {
        var vals = new JsonObject
        {
            ["move_id"] = move.Id,
            ["display_type"] = kind,
            ["account_id"] = account,
            ["balance"] = Money.Round(balance),
            ["name"] = name is null ? false : name,
            ["partner_id"] = move.Ref("partner_id") is int p ? p : false,
            ["quantity"] = 1.0,
        };
        if (tax is int t) vals["tax_line_id"] = t;
        Crud.Create(env.Sudo(), "account.move.line", vals);
    }

    /// <summary>Applies a payment to invoices in order, updating what they still owe.</summary>
    public static double Reconcile(Env env, IEnumerable<Row> invoices, double amount)
    {
        foreach (var invoice in invoices)
        {
            var due = Residual(env, invoice);
            var applied = Math.Min(due, amount);
            if (applied <= 0) continue;
            env.Tx.Set(invoice, "paid_amount", Money.Round(invoice.Num("paid_amount") + applied));
            amount = Money.Round(amount - applied);
            env.Tx.Set(invoice, "payment_state", Money.IsZero(Residual(env, invoice)) ? "paid" : "partial");
        }
        return amount;
    }
}
