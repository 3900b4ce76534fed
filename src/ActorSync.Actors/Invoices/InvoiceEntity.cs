using System.Collections.Immutable;
using ActorSync.Actors.Entities;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Postings;

namespace ActorSync.Actors.Invoices;

/// <summary>Marker type under which the invoice shard region is registered.</summary>
public sealed class InvoiceRegion;

public static class InvoiceEntity
{
    public static EntityDefinition<InvoiceState, IInvoiceCommand, IInvoiceEvent> Definition { get; } =
        new(EntityTypes.Invoice, InvoiceDecider.Instance, Tags, SinkTag);

    /// <summary>Money movements are financial; drafts are tagged so that a source's claim → invoice memory can be rebuilt after a restart.</summary>
    private static ImmutableHashSet<string> Tags(IInvoiceEvent e) => e switch
    {
        InvoiceIssued or PaymentReceived or AdjustmentApplied or InvoiceVoided => EventTags.FinancialOnly,
        InvoiceDrafted => EventTags.InvoiceDraftedOnly,
        _ => EventTags.None,
    };

    /// <summary>Facts that become postings go to the site's revenue sink.</summary>
    private static string? SinkTag(string entityId, IInvoiceEvent e) =>
        e is InvoiceIssued or PaymentReceived or AdjustmentApplied or InvoiceVoided ? EventTags.Sink(PostingFlow.Revenue, EventTags.SiteOf(entityId)) : null;

    public static string? RoutingKey(object message) => (message as IInvoiceCommand)?.Key.ToString();
}
