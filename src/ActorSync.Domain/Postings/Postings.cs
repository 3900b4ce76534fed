using ActorSync.Domain.Common;

namespace ActorSync.Domain.Postings;

/// <summary>
/// One intended effect in the ERP, in the canonical model: accounts, journals, products and
/// analytic accounts are named by the codes the legal entity's mapping uses, never by ERP ids.
/// </summary>
public abstract record Posting(PostingKey Key, LegalEntityId LegalEntity)
{
    /// <summary>A posting this one must follow into Odoo (an adjustment or a void its invoice).</summary>
    public PostingKey? DependsOn { get; init; }
}

/// <summary>A partner a posting refers to (a payer or a pseudonymous self-pay account; never a patient's name).</summary>
public sealed record PartnerRef(PostingKey Key, string Name);

/// <summary>One line of a customer invoice or credit note; <see cref="Taxes"/> names the sales taxes to apply (none by default).</summary>
public sealed record InvoicePostingLine(string Label, decimal Quantity, Money UnitPrice, string AccountCode, string? AnalyticAccount, IReadOnlyList<string>? Taxes = null);

/// <summary>A customer invoice (or, with <see cref="CreditNote"/>, a credit note), posted.</summary>
public sealed record CustomerInvoicePosting(
    PostingKey Key, LegalEntityId LegalEntity, PartnerRef Partner, string JournalCode, DateOnly Date,
    IReadOnlyList<InvoicePostingLine> Lines, bool CreditNote = false) : Posting(Key, LegalEntity)
{
    public IReadOnlyList<InvoicePostingLine> Lines { get; } = Lines.Count > 0
        ? Lines : throw new DomainException($"Invoice posting {Key} has no lines.");
}

/// <summary>One line of a journal entry: a debit or a credit, never both.</summary>
public sealed record JournalPostingLine(string AccountCode, string Label, Money Debit, Money Credit, string? AnalyticAccount = null, PartnerRef? Partner = null);

/// <summary>A balanced journal entry (summaries, adjustments, accruals), posted.</summary>
public sealed record JournalEntryPosting : Posting
{
    public JournalEntryPosting(PostingKey key, LegalEntityId legalEntity, string journalCode, DateOnly date, IReadOnlyList<JournalPostingLine> lines)
        : base(key, legalEntity)
    {
        JournalCode = journalCode;
        Date = date;
        Lines = JournalBalance.Require(key, lines);
    }

    public string JournalCode { get; }
    public DateOnly Date { get; }
    public IReadOnlyList<JournalPostingLine> Lines { get; }
}

/// <summary>A customer payment; with <see cref="Invoice"/> it is reconciled with that invoice's posting.</summary>
public sealed record PaymentPosting(
    PostingKey Key, LegalEntityId LegalEntity, PartnerRef Partner, Money Amount, DateOnly Date,
    string JournalCode, PostingKey? Invoice = null) : Posting(Key, LegalEntity)
{
    public Money Amount { get; } = Amount.Amount > 0 ? Amount : throw new DomainException($"Payment posting {Key} must have a positive amount, not {Amount}.");
}

/// <summary>Supplies used at a site: a validated transfer from the site's stock to consumption, in ERP units.</summary>
public sealed record StockConsumptionPosting(
    PostingKey Key, LegalEntityId LegalEntity, SiteId Site, string ProductCode, decimal Quantity, DateOnly Date) : Posting(Key, LegalEntity)
{
    public decimal Quantity { get; } = Quantity > 0 ? Quantity : throw new DomainException($"Consumption posting {Key} must have a positive quantity.");
}

/// <summary>A draft request for quotation to the item's vendor.</summary>
public sealed record ReplenishmentRequestPosting(
    PostingKey Key, LegalEntityId LegalEntity, string ProductCode, decimal Quantity, string Vendor) : Posting(Key, LegalEntity)
{
    public decimal Quantity { get; } = Quantity > 0 ? Quantity : throw new DomainException($"Replenishment posting {Key} must have a positive quantity.");
}

/// <summary>Master data: a partner (payer, vendor) shared by all companies; created or updated.</summary>
public sealed record PartnerUpsert(PostingKey Key, LegalEntityId LegalEntity, string Name, bool IsCompany = true) : Posting(Key, LegalEntity);

/// <summary>Master data: the analytic account of a department in the legal entity's company.</summary>
public sealed record AnalyticAccountUpsert(PostingKey Key, LegalEntityId LegalEntity, string Name, string? Code = null) : Posting(Key, LegalEntity);

/// <summary>
/// Master data: a storable product, identified by its internal reference (default code). Without a
/// <see cref="Name"/> an existing product is left as purchasing keeps it, and a missing one is made
/// under its code.
/// </summary>
public sealed record ProductUpsert(PostingKey Key, LegalEntityId LegalEntity, string DefaultCode, string? Name = null) : Posting(Key, LegalEntity);
