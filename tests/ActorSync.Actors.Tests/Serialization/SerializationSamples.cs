using System.Collections.Immutable;
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
using static ActorSync.Actors.Tests.Support.Samples;

namespace ActorSync.Actors.Tests.Serialization;

/// <summary>One fully populated instance of every type that has a manifest.</summary>
internal static class SerializationSamples
{
    public static IReadOnlyList<object> All { get; } = Build();

    private static List<object> Build()
    {
        var stamp = Stamp();
        var trigger = new BillingTrigger(Encounter, LegalEntity, Emergency, At.AddHours(2), 2, Usd(250.80m));
        var conversion = new UnitConversion(new Unit("box"), new Unit("each"), 100m);
        var lines = new List<InvoiceLine> { Line("1", 125.40m), Line("2", 125.40m) };
        var versions = ImmutableDictionary<string, AppliedVersion>.Empty.Add(stamp.Key, new AppliedVersion(1, stamp.Fingerprint));

        return
        [
            new SourceVersionRecorded(stamp),
            new EncounterRegistered(Encounter, LegalEntity, EncounterStatus.InProgress, "AMB", new Period(At, null), Emergency, "Room 4", "pseudo-7f3a", stamp),
            new EncounterUpdated(EncounterStatus.InProgress, "EMER", new Period(At, At.AddHours(1)), Emergency, null, stamp),
            new ChargeCaptured(Charge("c1", 125.40m), stamp),
            new ChargeCorrected(Charge("c1", 250.80m) with { Quantity = 2m }, Usd(125.40m), "quantity corrected", stamp),
            new ChargeVoided("c1", Usd(250.80m), "duplicate entry", stamp),
            new EncounterCompleted(trigger, stamp),
            new EncounterCancelled(stamp),
            new EncounterEnteredInError(stamp),
            EncounterState.Empty with
            {
                Key = Encounter, LegalEntity = LegalEntity, Status = EncounterStatus.Finished, Class = "AMB",
                Period = new Period(At, At.AddHours(1)), Department = Emergency,
                Charges = EncounterState.Empty.Charges.Add("c1", new Charge(Charge("c1", 125.40m), false)), ChargeCurrency = Currency.Usd,
                BillingTriggered = true, Versions = versions,
            },
            new InvoiceDrafted(Invoice, LegalEntity, Encounter, Currency.Usd, lines, new DateOnly(2026, 3, 14), Usd(250.80m), stamp),
            new InvoiceIssued("payer-org-17", new DateOnly(2026, 3, 15), Usd(250.80m), stamp),
            new PaymentReceived("pay-1", Usd(200m), new DateOnly(2026, 4, 1), Usd(50.80m), stamp),
            new AdjustmentApplied("adj-1", AdjustmentKind.ContractualAllowance, Usd(50.80m), "contract rate", Usd(0m), stamp),
            new InvoiceVoided("billed in error", Usd(250.80m), stamp),
            InvoiceState.Empty with
            {
                Key = Invoice, LegalEntity = LegalEntity, Encounter = Encounter, Currency = Currency.Usd, Lines = [.. lines],
                ServiceDate = new DateOnly(2026, 3, 14), Status = InvoiceStatus.Issued, Payer = "payer-org-17",
                IssueDate = new DateOnly(2026, 3, 15), Payments = InvoiceState.Empty.Payments.Add("pay-1", Usd(200m)),
                Adjustments = InvoiceState.Empty.Adjustments.Add("adj-1", new Adjustment(AdjustmentKind.WriteOff, Usd(10m), "small balance")),
                Versions = versions,
            },
            new ItemMapped(Item, LegalEntity, "ACT-SUP-GLOVES", conversion, 500m, 2000m, stamp),
            new ItemConsumed("sd-1", Quantity.Of(2m, "box"), Quantity.Of(200m, "each"), Emergency, At, 300m, stamp),
            new ItemReceived("rcpt-1", Quantity.Of(2000m, "each"), At, 2300m, stamp),
            new ReplenishmentRequested("ACT-SUP-GLOVES", Quantity.Of(2000m, "each"), 300m, 500m, stamp),
            ItemState.Empty with
            {
                Key = Item, LegalEntity = LegalEntity, Mapping = new ItemMapping("ACT-SUP-GLOVES", conversion, 500m, 2000m),
                OnHand = 300m, ReplenishmentPending = true, Movements = ItemState.Empty.Movements.Add(ItemState.ConsumptionKey("sd-1"), 200m), Versions = versions,
                MovementOrder = [ItemState.ConsumptionKey("sd-1")], VersionOrder = [.. versions.Keys],
            },
            new LegalEntityConfigured(LegalEntity, Profile(), stamp),
            LegalEntityState.Empty with { Id = LegalEntity, Profile = Profile(), Versions = versions },
            RecordEncounter(),
            CaptureCharge("c1", 125.40m),
            new CorrectCharge(Encounter, "c1", 2m, Usd(250.80m), "quantity corrected", stamp),
            new VoidCharge(Encounter, "c1", "duplicate entry", stamp),
            new DraftInvoice(Invoice, LegalEntity, Encounter, Currency.Usd, lines, new DateOnly(2026, 3, 14), stamp),
            new IssueInvoice(Invoice, "payer-org-17", new DateOnly(2026, 3, 15), stamp),
            new RecordPayment(Invoice, "pay-1", Usd(200m), new DateOnly(2026, 4, 1), stamp),
            new ApplyAdjustment(Invoice, "adj-1", AdjustmentKind.WriteOff, Usd(10m), "small balance", stamp),
            new VoidInvoice(Invoice, "billed in error", stamp),
            new MapItem(Item, LegalEntity, "ACT-SUP-GLOVES", conversion, 500m, 2000m, stamp),
            new ConsumeItem(Item, "sd-1", Quantity.Of(2m, "box"), Emergency, At, stamp),
            new ReceiveItem(Item, "rcpt-1", Quantity.Of(2000m, "each"), At, stamp),
            new ConfigureLegalEntity(LegalEntity, Profile(), stamp),
            new CommandReply("nw-general/enc-1", Outcome.Rejected, "the encounter was cancelled; it takes no charges", 0, 7),
            new GetEntityState(EntityTypes.Encounter, "nw-general/enc-1"),
            new EntityStateReply("nw-general/enc-1", "encounter-state.v1", "{\"status\":\"finished\"}", 7),
            StopEntity.Instance,
            new InputParked(new InputExceptionKey(new SourceId("ehr-north"), "Encounter", "enc-9"), InputProblem.Unmappable, "Organization/x is not a site", "{\"resourceType\":\"Encounter\"}", stamp),
            InputExceptionState.Empty with { Key = new InputExceptionKey(new SourceId("ehr-north"), "Encounter", "enc-9"), Reason = "not a site", Payload = "{}", TimesParked = 1, Versions = versions },
            new ParkInput(new InputExceptionKey(new SourceId("ehr-north"), "Encounter", "enc-9"), InputProblem.Invalid, "invalid date", "{}", stamp),
            new InputResolved(new InputExceptionKey(new SourceId("ehr-north"), "Encounter", "enc-9"), "ops.oncall", "retried: accepted", stamp.ReceivedAt.AddHours(2), stamp),
            new InputDiscarded(new InputExceptionKey(new SourceId("ehr-north"), "Encounter", "enc-9"), "ops.oncall", "resent corrected", stamp.ReceivedAt.AddHours(2), stamp),
            new ResolveInput(new InputExceptionKey(new SourceId("ehr-north"), "Encounter", "enc-9"), "ops.oncall", "retried: accepted", stamp),
            new DiscardInput(new InputExceptionKey(new SourceId("ehr-north"), "Encounter", "enc-9"), "ops.oncall", "resent corrected", stamp),
            new MasterDataRecorded(Location, LocationRecord, stamp),
            // Unversioned master data keeps the fingerprints it replaced.
            MasterDataState.Empty with { Key = Location, Record = LocationRecord, Versions = ImmutableDictionary<string, AppliedVersion>.Empty.Add("ehr-north|Location/loc-7", new AppliedVersion(0, "sha-new", ["sha-old"])) },
            new RecordMasterData(Location, LocationRecord, stamp),
            new CommandBatch([RecordEncounter(), CaptureCharge("c1", 125.40m)]),
            new CommandBatchReply([new CommandReply("nw-general/enc-1", Outcome.Accepted, null, 1, 1), new CommandReply("nw-general/enc-1", Outcome.Duplicate, null, 0, 1)]),
            .. SinkSamples(),
        ];
    }

    // Properties, not fields: All is built by the first static initializer, before later fields are set.
    private static PartnerRef Payer => new(new PostingKey("payer-northwind-health-Mercy"), "Mercy");
    private static DateTimeOffset Queued => new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static CustomerInvoicePosting InvoicePosting => new(new PostingKey("inv-nw-general-claim-1"), LegalEntity, Payer, "INV", new DateOnly(2026, 11, 30),
        [new InvoicePostingLine("Office visit", 1, Usd(125.40m), "400000", "NW Emergency", ["15%"])]);
    private static PaymentPosting PaymentPosting => new(new PostingKey("pay-nw-general-claim-1-p1"), LegalEntity, Payer, Usd(100m), new DateOnly(2026, 12, 2), "BNK1", InvoicePosting.Key);

    private static IEnumerable<object> SinkSamples()
    {
        var sink = "northwind-health/nw-general/revenue";
        var entry = new JournalEntryPosting(new PostingKey("adj-nw-general-claim-1-a1"), LegalEntity, "MISC", new DateOnly(2026, 12, 3),
            [new JournalPostingLine("400100", "Contractual allowance", Usd(25.40m), Usd(0)), new JournalPostingLine("121000", "Contractual allowance", Usd(0), Usd(25.40m), null, Payer)])
        { DependsOn = InvoicePosting.Key };
        return
        [
            new PostingsQueued(42, [new QueuedPosting(InvoicePosting, false), new QueuedPosting(PaymentPosting, true)], Queued),
            new PostingsSummarized([InvoicePosting.Key], new JournalEntryPosting(new PostingKey("sum-nw-general-20261130-1"), LegalEntity, "MISC", new DateOnly(2026, 11, 30),
                [new JournalPostingLine("121000", "Invoices 2026-11-30 (1)", Usd(125.40m), Usd(0)), new JournalPostingLine("400000", "Revenue 2026-11-30", Usd(0), Usd(125.40m), "NW Emergency")]), true, Queued.AddSeconds(1)),
            new PostingsDelivered([new DeliveredPosting(InvoicePosting.Key, "account.move", 17, false)], Queued.AddSeconds(2)),
            new PostingParked(PaymentPosting.Key, "odoo.exceptions.UserError", "The entry is not balanced.", Queued.AddSeconds(3)),
            new PostingApproved(PaymentPosting.Key, "finance.lead", Queued.AddMinutes(5)),
            new PostingRejected(PaymentPosting.Key, "finance.lead", "amount disputed", Queued.AddMinutes(6)),
            new PostingRetried(PaymentPosting.Key, "ops.oncall", Queued.AddMinutes(7)),
            new PostingDiscarded(PaymentPosting.Key, "ops.oncall", "posted by hand in Odoo", Queued.AddMinutes(8)),
            new PostingsReposted([InvoicePosting, PaymentPosting], "ops.oncall", Queued.AddDays(3)),
            new SinkState(42, [new OutboxEntry(PaymentPosting, OutboxStatus.Parked, Queued, "odoo.exceptions.UserError", "refused", "finance.lead", [InvoicePosting.Key])], 10, 1, 2, 7,
                [new PostingKey("analytic-northwind-health-NW Emergency")]),
            InvoicePosting,
            entry,
            PaymentPosting,
            new StockConsumptionPosting(new PostingKey("use-nw-general-706437002-sd-1"), LegalEntity, Site, "ACT-SUP-GLOVES", 200m, new DateOnly(2026, 11, 30)),
            new ReplenishmentRequestPosting(new PostingKey("rfq-nw-general-706437002-9"), LegalEntity, "ACT-SUP-GLOVES", 2000m, "MedSupply Co"),
            new PartnerUpsert(Payer.Key, LegalEntity, "Mercy"),
            new AnalyticAccountUpsert(new PostingKey("analytic-northwind-health-NW Emergency"), LegalEntity, "NW Emergency"),
            new ProductUpsert(new PostingKey("product-northwind-health-ACT-SUP-GLOVES"), LegalEntity, "ACT-SUP-GLOVES"),
            new WakeSink(sink),
            new GetSinkStatus(sink),
            new SinkStatus(sink, "micro-batch", 42, 45, 3, 1, 1, 10, 1, Queued, false, "transport.timeout: Odoo did not answer", 2),
            new ListOutbox(sink, OutboxStatus.Parked),
            new OutboxList(sink, [new OutboxItem(PaymentPosting.Key, "Payment", OutboxStatus.Parked, 100m, "USD", Queued, "odoo.exceptions.UserError", "refused")]),
            new GetOutboxEntry(sink, PaymentPosting.Key),
            new OutboxEntryDetail(sink, new OutboxItem(PaymentPosting.Key, "Payment", OutboxStatus.Parked, 100m, "USD", Queued, "odoo.exceptions.UserError", "refused"), PaymentPosting),
            new ApprovePosting(sink, PaymentPosting.Key, "finance.lead"),
            new RejectPosting(sink, PaymentPosting.Key, "finance.lead", "amount disputed"),
            new RetryParked(sink, null, "actorsync.mapping-missing", "ops.oncall"),
            new DiscardParked(sink, PaymentPosting.Key, "ops.oncall", "posted by hand in Odoo"),
            new RepostPostings(sink, [InvoicePosting.Key, PaymentPosting.Key], "ops.oncall"),
            new SinkCommandReply(sink, true, "1 posting(s) back in the outbox", 1),
        ];
    }

    private static MasterDataKey Location => new(new SourceId("ehr-north"), "Location", "loc-7");
    private static MasterDataRecord LocationRecord => new("Emergency Department", ["http://hospital.example/locations|ED-1"], ["Organization/nw-general"], true);
}
