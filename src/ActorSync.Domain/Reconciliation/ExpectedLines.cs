using ActorSync.Domain.Postings;

namespace ActorSync.Domain.Reconciliation;

/// <summary>An amount on one account (and department's analytic account) of a day: debit positive, credit negative.</summary>
public sealed record AccountLine(string Account, string? Analytic, decimal Balance);

/// <summary>
/// What a posting puts on the books, as Odoo should show it: an invoice debits the receivable and
/// credits revenue per line (a credit note the reverse), a journal entry its own lines. A payment
/// is compared by its amount, on a row of its bank journal. Stock and master data carry no amounts.
/// </summary>
public static class ExpectedLines
{
    public const string PaymentsSuffix = " payments";

    public static IReadOnlyList<AccountLine> Of(Posting posting, string receivableAccount) => posting switch
    {
        CustomerInvoicePosting invoice => Invoice(invoice, receivableAccount),
        JournalEntryPosting entry => [.. entry.Lines.Select(l => new AccountLine(l.AccountCode, l.AnalyticAccount, l.Debit.Amount - l.Credit.Amount))],
        PaymentPosting payment => [new AccountLine(PaymentRow(payment.JournalCode), null, payment.Amount.Amount)],
        _ => [],
    };

    /// <summary>The row payments of a bank journal are compared on (e.g. <c>BNK1 payments</c>).</summary>
    public static string PaymentRow(string journalCode) => journalCode + PaymentsSuffix;

    /// <summary>The accounting date of a posting that has amounts.</summary>
    public static DateOnly? DateOf(Posting posting) => posting switch
    {
        CustomerInvoicePosting invoice => invoice.Date,
        JournalEntryPosting entry => entry.Date,
        PaymentPosting payment => payment.Date,
        StockConsumptionPosting use => use.Date,
        _ => null,
    };

    private static List<AccountLine> Invoice(CustomerInvoicePosting invoice, string receivable)
    {
        var sign = invoice.CreditNote ? -1 : 1;
        var lines = invoice.Lines.Select(l => new AccountLine(l.AccountCode, l.AnalyticAccount, -sign * (l.UnitPrice * l.Quantity).Amount)).ToList();
        lines.Add(new AccountLine(receivable, null, -lines.Sum(l => l.Balance)));
        return lines;
    }
}
