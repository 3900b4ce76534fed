using System.Collections.Immutable;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;

namespace ActorSync.Actors.Entities;

/// <summary>
/// Names that end up in journals and cluster state: region type names, persistence id prefixes
/// and tags. Changing one orphans existing journals, so they live here, in one place.
/// </summary>
public static class EntityTypes
{
    public const string Encounter = "encounter";
    public const string Invoice = "invoice";
    public const string Item = "item";
    public const string LegalEntity = "legal-entity";
    public const string InputException = "input-exception";
    public const string MasterData = "master-data";

    public static IReadOnlyList<string> All { get; } = [Encounter, Invoice, Item, LegalEntity, InputException, MasterData];

    /// <summary>
    /// Shards per entity type: about ten per node for the largest cluster we plan for (10 nodes),
    /// so that a node loss spreads its shards thinly. Fixed for the life of a journal.
    /// </summary>
    public const int ShardCount = 100;
}

/// <summary>Tags for projections that follow one flow; the sets are built once, events only point at them.</summary>
public static class EventTags
{
    public const string BillingTrigger = "billing-trigger";
    public const string Financial = "financial";
    public const string Inventory = "inventory";
    public const string Exceptions = "exceptions";
    public const string MasterData = "master-data";
    public const string InvoiceDrafted = "invoice-drafted";

    public static ImmutableHashSet<string> None { get; } = [];
    public static ImmutableHashSet<string> FinancialOnly { get; } = [Financial];
    public static ImmutableHashSet<string> InventoryOnly { get; } = [Inventory];
    public static ImmutableHashSet<string> ExceptionsOnly { get; } = [Exceptions];
    public static ImmutableHashSet<string> MasterDataOnly { get; } = [MasterData];
    public static ImmutableHashSet<string> InvoiceDraftedOnly { get; } = [InvoiceDrafted];
    public static ImmutableHashSet<string> BillingTriggerAndFinancial { get; } = [BillingTrigger, Financial];

    /// <summary>The stream a posting sink follows: one flow at one site (e.g. <c>revenue@nw-general</c>).</summary>
    public static string Sink(PostingFlow flow, string site) => $"{SinkKey.FlowName(flow)}@{site}";

    /// <summary>Whether a tag is a sink's stream (<see cref="Sink"/>) rather than a flow-wide tag.</summary>
    public static bool IsSinkStream(string tag) => tag.Contains('@', StringComparison.Ordinal);

    /// <summary>The site of an entity whose id starts with it (<c>site/…</c>: invoices, items, encounters).</summary>
    public static string SiteOf(string entityId) => entityId[..Math.Max(0, entityId.IndexOf('/'))];
}
