using System.Globalization;
using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;
using ActorSync.Domain.LegalEntities;

namespace ActorSync.Domain.Postings;

/// <summary>
/// What each persisted fact means in the ERP, with the legal entity's mapping applied. Pure: the
/// same event and state always give the same postings with the same keys, so a posting derived
/// again after a crash is recognised in Odoo as the one already made.
/// </summary>
public static class PostingDerivation
{
    /// <summary>The postings an invoice event causes; <paramref name="invoice"/> is the invoice's state (its lines do not change once issued).</summary>
    public static IReadOnlyList<Posting> ForInvoice(InvoiceKey key, InvoiceState invoice, IInvoiceEvent e, LegalEntityProfile profile, LegalEntityId legalEntity)
    {
        var accounts = profile.Accounts;
        var payer = Payer(legalEntity, invoice.Payer ?? "unknown payer");
        var keyText = $"{key.Site}-{key.Invoice}";
        // In summary posting the invoice itself never reaches Odoo: payments stand alone and a void reverses revenue.
        var summary = profile.Rules.Granularity == PostingGranularity.Summary;
        var invoiceKey = new PostingKey("inv-" + keyText);
        return e switch
        {
            InvoiceIssued issued => [new CustomerInvoicePosting(new PostingKey("inv-" + keyText), legalEntity, Payer(legalEntity, issued.Payer), accounts.SalesJournal, issued.IssueDate, Lines(invoice, key.Site, profile))],
            PaymentReceived paid => [new PaymentPosting(new PostingKey($"pay-{keyText}-{paid.PaymentId}"), legalEntity, payer, paid.Amount, paid.PaidOn, accounts.BankJournal, summary ? null : new PostingKey("inv-" + keyText))],
            AdjustmentApplied adjusted => [new JournalEntryPosting(new PostingKey($"adj-{keyText}-{adjusted.AdjustmentId}"), legalEntity, accounts.GeneralJournal, invoice.IssueDate ?? invoice.ServiceDate ?? default,
                [
                    new JournalPostingLine(adjusted.Kind == AdjustmentKind.ContractualAllowance ? accounts.ContractualAllowance : accounts.WriteOff, Label(adjusted.Kind), adjusted.Amount, Money.Zero(adjusted.Amount.Currency)),
                    new JournalPostingLine(accounts.Receivable, Label(adjusted.Kind), Money.Zero(adjusted.Amount.Currency), adjusted.Amount, Partner: payer),
                ]) { DependsOn = invoiceKey }],
            InvoiceVoided voided when summary && invoice.IssueDate is { } issuedOn => [new JournalEntryPosting(new PostingKey("void-" + keyText), legalEntity, accounts.GeneralJournal, issuedOn,
                [
                    new JournalPostingLine(accounts.Revenue, "Voided invoice", voided.Total, Money.Zero(voided.Total.Currency)),
                    new JournalPostingLine(accounts.Receivable, "Voided invoice", Money.Zero(voided.Total.Currency), voided.Total, Partner: payer),
                ]) { DependsOn = invoiceKey }],
            // A voided invoice that was issued (and so is in Odoo) is cancelled by a credit note of its lines.
            InvoiceVoided when invoice.IssueDate is { } issuedOn => [new CustomerInvoicePosting(new PostingKey("void-" + keyText), legalEntity, payer, accounts.SalesJournal, issuedOn, Lines(invoice, key.Site, profile), CreditNote: true) { DependsOn = invoiceKey }],
            _ => [],
        };
    }

    /// <summary>The postings an item event causes: consumption in ERP units, replenishment requests to the vendor.</summary>
    public static IReadOnlyList<Posting> ForItem(ItemKey key, IItemEvent e, long sequenceNr, LegalEntityProfile profile, LegalEntityId legalEntity)
    {
        var mapping = profile.Products.FirstOrDefault(p => p.Item == key.Item);
        if (mapping is null)
            return [];
        return e switch
        {
            ItemConsumed used when used.ErpQuantity.Value > 0 => [new StockConsumptionPosting(new PostingKey($"use-{key.Site}-{key.Item}-{used.ConsumptionId}"), legalEntity, key.Site, mapping.ErpProduct, used.ErpQuantity.Value, DateOnly.FromDateTime(used.At.UtcDateTime))],
            ReplenishmentRequested asked when mapping.Vendor is { } vendor => [new ReplenishmentRequestPosting(
                new PostingKey($"rfq-{key.Site}-{key.Item}-{sequenceNr.ToString(CultureInfo.InvariantCulture)}"), legalEntity, asked.ErpProduct, asked.ErpQuantity.Value, vendor)],
            _ => [],
        };
    }

    /// <summary>Master data a flow's postings need in Odoo first: the sites' department analytic accounts, the mapped products.</summary>
    public static IReadOnlyList<Posting> MasterData(PostingFlow flow, SiteId site, LegalEntityProfile profile, LegalEntityId legalEntity) => flow switch
    {
        PostingFlow.Revenue => [.. profile.Sites.Where(s => s.Id == site).SelectMany(s => s.Departments)
            .Select(d => new AnalyticAccountUpsert(new PostingKey($"analytic-{legalEntity}-{d.AnalyticAccount}"), legalEntity, d.AnalyticAccount))],
        _ => [.. profile.Products.DistinctBy(p => p.ErpProduct)
            .Select(p => new ProductUpsert(new PostingKey($"product-{legalEntity}-{p.ErpProduct}"), legalEntity, p.ErpProduct))],
    };

    /// <summary>The amount finance looks at when deciding whether a posting needs approval.</summary>
    public static Money? AmountOf(Posting posting) => posting switch
    {
        CustomerInvoicePosting invoice => Money.Sum(invoice.Lines.Select(l => l.UnitPrice * l.Quantity), invoice.Lines[0].UnitPrice.Currency),
        PaymentPosting payment => payment.Amount,
        JournalEntryPosting entry => Money.Sum(entry.Lines.Select(l => l.Debit), entry.Lines[0].Debit.Currency),
        _ => null,
    };

    /// <summary>Postings above the legal entity's threshold wait for a finance approver.</summary>
    public static bool NeedsApproval(Posting posting, LegalEntities.PostingRules rules) =>
        rules.ApprovalThreshold is { } threshold && AmountOf(posting) is { } amount && amount.Currency == threshold.Currency && amount > threshold;

    /// <summary>The flow a posting travels in.</summary>
    public static PostingFlow FlowOf(Posting posting) =>
        posting is StockConsumptionPosting or ReplenishmentRequestPosting or ProductUpsert ? PostingFlow.Inventory : PostingFlow.Revenue;

    /// <summary>The posting another one must follow into Odoo (a payment its invoice).</summary>
    public static PostingKey? DependencyOf(Posting posting) => posting is PaymentPosting { Invoice: { } invoice } ? invoice : posting.DependsOn;

    // A line's quantity goes into the label: the amount is the line's total, and a unit price
    // rounded to cents would not multiply back to it.
    private static List<InvoicePostingLine> Lines(InvoiceState invoice, SiteId site, LegalEntityProfile profile)
    {
        var departments = profile.Sites.FirstOrDefault(s => s.Id == site)?.Departments ?? [];
        return [.. invoice.Lines.Select(line => new InvoicePostingLine(
            line.Quantity == 1 ? line.Description : $"{line.Description} (x{line.Quantity.ToString("0.##", CultureInfo.InvariantCulture)})",
            1, line.Amount, profile.Accounts.Revenue,
            departments.FirstOrDefault(d => d.Id == line.Department)?.AnalyticAccount))];
    }

    private static PartnerRef Payer(LegalEntityId legalEntity, string payer) => new(new PostingKey($"payer-{legalEntity}-{payer}"), payer);

    private static string Label(AdjustmentKind kind) => kind == AdjustmentKind.ContractualAllowance ? "Contractual allowance" : "Write-off";
}
