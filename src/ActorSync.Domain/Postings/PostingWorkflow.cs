namespace ActorSync.Domain.Postings;

/// <summary>
/// The workflows whose pace finance and operations set apart (sync modes): invoices the billing
/// trigger leads to go at once, accounting (payments, adjustments, summaries) in micro-batches,
/// stock as it is used or hourly, master data on a daily schedule.
/// </summary>
public enum PostingWorkflow
{
    /// <summary>Customer invoices and credit notes: what an encounter's completion leads to.</summary>
    Billing,

    /// <summary>Payments, adjustments and (summary posting) the daily journal entries.</summary>
    Accounting,

    /// <summary>Stock consumption and replenishment requests.</summary>
    Inventory,

    /// <summary>Analytic accounts, products and partners: made when first needed, refreshed on schedule.</summary>
    MasterData,
}

public static class PostingWorkflows
{
    public static PostingWorkflow Of(Posting posting) => posting switch
    {
        PartnerUpsert or AnalyticAccountUpsert or ProductUpsert => PostingWorkflow.MasterData,
        CustomerInvoicePosting => PostingWorkflow.Billing,
        StockConsumptionPosting or ReplenishmentRequestPosting => PostingWorkflow.Inventory,
        _ => PostingWorkflow.Accounting,
    };

    /// <summary>The name HOCON and the palette use: billing, accounting, inventory, master-data.</summary>
    public static string NameOf(PostingWorkflow workflow) => workflow == PostingWorkflow.MasterData ? "master-data" : workflow.ToString().ToLowerInvariant();

    /// <summary>The workflows a sink of <paramref name="flow"/> carries.</summary>
    public static IReadOnlyList<PostingWorkflow> In(PostingFlow flow) => flow == PostingFlow.Revenue
        ? [PostingWorkflow.Billing, PostingWorkflow.Accounting, PostingWorkflow.MasterData]
        : [PostingWorkflow.Inventory, PostingWorkflow.MasterData];
}
