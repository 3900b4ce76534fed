namespace ActorSync.Domain.Postings;

/// <summary>What a posting is, in the words finance uses (reports, palette tables).</summary>
public static class PostingKinds
{
    /// <summary>Every kind <see cref="Of"/> names.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["invoice", "credit note", "journal entry", "payment", "stock consumption", "replenishment request", "partner", "analytic account", "product"];

    public static string Of(Posting posting) => posting switch
    {
        CustomerInvoicePosting { CreditNote: true } => "credit note",
        CustomerInvoicePosting => "invoice",
        JournalEntryPosting => "journal entry",
        PaymentPosting => "payment",
        StockConsumptionPosting => "stock consumption",
        ReplenishmentRequestPosting => "replenishment request",
        PartnerUpsert => "partner",
        AnalyticAccountUpsert => "analytic account",
        ProductUpsert => "product",
        _ => posting.GetType().Name,
    };
}
