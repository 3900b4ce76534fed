using System.Collections.Immutable;
using ActorSync.Actors.Entities;
using ActorSync.Domain.Invoices;

namespace ActorSync.Actors.Invoices;

/// <summary>Marker type under which the invoice shard region is registered.</summary>
public sealed class InvoiceRegion;

public static class InvoiceEntity
{
    public static EntityDefinition<InvoiceState, IInvoiceCommand, IInvoiceEvent> Definition { get; } =
        new(EntityTypes.Invoice, InvoiceDecider.Instance, Tags);

    /// <summary>Money movements are financial; drafts are tagged so that a source's claim → invoice memory can be rebuilt after a restart.</summary>
    private static ImmutableHashSet<string> Tags(IInvoiceEvent e) => e switch
    {
        InvoiceIssued or PaymentReceived or AdjustmentApplied or InvoiceVoided => EventTags.FinancialOnly,
        InvoiceDrafted => EventTags.InvoiceDraftedOnly,
        _ => EventTags.None,
    };

    public static string? RoutingKey(object message) => (message as IInvoiceCommand)?.Key.ToString();
}
