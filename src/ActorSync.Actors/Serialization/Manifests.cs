using ActorSync.Actors.Entities;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.InputExceptions;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;
using ActorSync.Domain.LegalEntities;
using ActorSync.Domain.MasterData;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using ActorSync.Actors.Sinks;

namespace ActorSync.Actors.Serialization;

/// <summary>
/// The stable name of every type we persist or send between nodes. A manifest is written into the
/// journal next to each event: renaming or moving a class is harmless, changing a manifest is not.
/// A breaking change to a type gets a new manifest (".v2") and the old one keeps a reader.
/// </summary>
public static class Manifests
{
    private static readonly (Type Type, string Manifest)[] Entries =
    [
        // Shared events
        (typeof(SourceVersionRecorded), "source-version-recorded.v1"),

        // Encounter events and state
        (typeof(EncounterRegistered), "encounter-registered.v1"),
        (typeof(EncounterUpdated), "encounter-updated.v1"),
        (typeof(ChargeCaptured), "charge-captured.v1"),
        (typeof(ChargeCorrected), "charge-corrected.v1"),
        (typeof(ChargeVoided), "charge-voided.v1"),
        (typeof(EncounterCompleted), "encounter-completed.v1"),
        (typeof(EncounterCancelled), "encounter-cancelled.v1"),
        (typeof(EncounterEnteredInError), "encounter-entered-in-error.v1"),
        (typeof(EncounterState), "encounter-state.v1"),

        // Invoice events and state
        (typeof(InvoiceDrafted), "invoice-drafted.v1"),
        (typeof(InvoiceIssued), "invoice-issued.v1"),
        (typeof(PaymentReceived), "payment-received.v1"),
        (typeof(AdjustmentApplied), "adjustment-applied.v1"),
        (typeof(InvoiceVoided), "invoice-voided.v1"),
        (typeof(InvoiceState), "invoice-state.v1"),

        // Item events and state
        (typeof(ItemMapped), "item-mapped.v1"),
        (typeof(ItemConsumed), "item-consumed.v1"),
        (typeof(ItemReceived), "item-received.v1"),
        (typeof(ReplenishmentRequested), "replenishment-requested.v1"),
        (typeof(ItemState), "item-state.v1"),

        // Legal entity events and state
        (typeof(LegalEntityConfigured), "legal-entity-configured.v1"),
        (typeof(LegalEntityState), "legal-entity-state.v1"),

        // Input exception queue
        (typeof(InputParked), "input-parked.v1"),
        (typeof(InputResolved), "input-resolved.v1"),
        (typeof(InputDiscarded), "input-discarded.v1"),
        (typeof(InputExceptionState), "input-exception-state.v1"),

        // Master-data registry
        (typeof(MasterDataRecorded), "master-data-recorded.v1"),
        (typeof(MasterDataState), "master-data-state.v1"),

        // Posting sinks: outbox events and state, and the postings inside them
        (typeof(PostingsQueued), "postings-queued.v1"),
        (typeof(PostingsDelivered), "postings-delivered.v1"),
        (typeof(PostingsSummarized), "postings-summarized.v1"),
        (typeof(PostingParked), "posting-parked.v1"),
        (typeof(PostingApproved), "posting-approved.v1"),
        (typeof(PostingRejected), "posting-rejected.v1"),
        (typeof(PostingRetried), "posting-retried.v1"),
        (typeof(PostingDiscarded), "posting-discarded.v1"),
        (typeof(PostingsReposted), "postings-reposted.v1"),
        (typeof(SinkState), "sink-state.v1"),
        (typeof(CustomerInvoicePosting), "customer-invoice-posting.v1"),
        (typeof(JournalEntryPosting), "journal-entry-posting.v1"),
        (typeof(PaymentPosting), "payment-posting.v1"),
        (typeof(StockConsumptionPosting), "stock-consumption-posting.v1"),
        (typeof(ReplenishmentRequestPosting), "replenishment-request-posting.v1"),
        (typeof(PartnerUpsert), "partner-upsert.v1"),
        (typeof(AnalyticAccountUpsert), "analytic-account-upsert.v1"),
        (typeof(ProductUpsert), "product-upsert.v1"),

        // Commands, sent to entities that may live on another node
        (typeof(RecordEncounter), "record-encounter.v1"),
        (typeof(CaptureCharge), "capture-charge.v1"),
        (typeof(CorrectCharge), "correct-charge.v1"),
        (typeof(VoidCharge), "void-charge.v1"),
        (typeof(DraftInvoice), "draft-invoice.v1"),
        (typeof(IssueInvoice), "issue-invoice.v1"),
        (typeof(RecordPayment), "record-payment.v1"),
        (typeof(ApplyAdjustment), "apply-adjustment.v1"),
        (typeof(VoidInvoice), "void-invoice.v1"),
        (typeof(MapItem), "map-item.v1"),
        (typeof(ConsumeItem), "consume-item.v1"),
        (typeof(ReceiveItem), "receive-item.v1"),
        (typeof(ConfigureLegalEntity), "configure-legal-entity.v1"),
        (typeof(ParkInput), "park-input.v1"),
        (typeof(ResolveInput), "resolve-input.v1"),
        (typeof(DiscardInput), "discard-input.v1"),
        (typeof(RecordMasterData), "record-master-data.v1"),

        // Entity protocol
        (typeof(CommandReply), "command-reply.v1"),
        (typeof(CommandBatch), "command-batch.v1"),
        (typeof(CommandBatchReply), "command-batch-reply.v1"),
        (typeof(GetEntityState), "get-entity-state.v1"),
        (typeof(EntityStateReply), "entity-state-reply.v1"),
        (typeof(StopEntity), "stop-entity.v1"),

        // Sink protocol
        (typeof(WakeSink), "wake-sink.v1"),
        (typeof(GetSinkStatus), "get-sink-status.v1"),
        (typeof(SinkStatus), "sink-status.v1"),
        (typeof(ListOutbox), "list-outbox.v1"),
        (typeof(OutboxList), "outbox-list.v1"),
        (typeof(GetOutboxEntry), "get-outbox-entry.v1"),
        (typeof(OutboxEntryDetail), "outbox-entry-detail.v1"),
        (typeof(ApprovePosting), "approve-posting.v1"),
        (typeof(RejectPosting), "reject-posting.v1"),
        (typeof(RetryParked), "retry-parked.v1"),
        (typeof(DiscardParked), "discard-parked.v1"),
        (typeof(RepostPostings), "repost-postings.v1"),
        (typeof(SinkCommandReply), "sink-command-reply.v1"),
    ];

    public static IReadOnlyDictionary<Type, string> ByType { get; } = Entries.ToDictionary(e => e.Type, e => e.Manifest);

    public static IReadOnlyDictionary<string, Type> ByManifest { get; } = Entries.ToDictionary(e => e.Manifest, e => e.Type, StringComparer.Ordinal);

    /// <summary>The interfaces and types bound to our serializer in the actor system.</summary>
    public static IReadOnlyList<Type> Bindings { get; } =
    [
        typeof(IEvent), typeof(ICommand), typeof(IActorSyncMessage), typeof(ISinkEvent), typeof(SinkState), typeof(Posting),
        typeof(EncounterState), typeof(InvoiceState), typeof(ItemState), typeof(LegalEntityState), typeof(InputExceptionState), typeof(MasterDataState),
    ];
}
