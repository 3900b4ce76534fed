namespace ActorSync.Domain.Postings;

/// <summary>
/// The workflows postings travel in. Each has its own sink per site, so a flood in one (supplies)
/// cannot hold up another (the revenue cycle).
/// </summary>
public enum PostingFlow
{
    /// <summary>Invoices, credit notes, payments and adjustments.</summary>
    Revenue,

    /// <summary>Stock consumption and replenishment requests.</summary>
    Inventory,
}
