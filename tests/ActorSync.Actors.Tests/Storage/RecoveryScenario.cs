using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.LegalEntities;
using Xunit;
using static ActorSync.Actors.Tests.Support.Samples;

namespace ActorSync.Actors.Tests.Storage;

/// <summary>
/// The same recovery story on every store: write through a node, stop its actor system, start a
/// new one on the same storage, and find the same state; repeats stay duplicates after restart.
/// </summary>
internal static class RecoveryScenario
{
    /// <summary>Snapshots every 2 events, so recovery also reads snapshots written through the serializer.</summary>
    public const string SnapshotOften = "actorsync.entities.snapshot-every = 2\n";

    public static async Task RunAsync(Func<Task<ActorSyncNode>> startNode)
    {
        string encounterBefore, invoiceBefore;
        await using (var node = await startNode())
        {
            Assert.Equal(Outcome.Accepted, (await node.SendAsync(RecordEncounter())).Outcome);
            Assert.Equal(Outcome.Accepted, (await node.SendAsync(CaptureCharge("c1", 125.40m))).Outcome);
            Assert.Equal(Outcome.Accepted, (await node.SendAsync(CaptureCharge("c2", 80.10m))).Outcome);
            Assert.Equal(Outcome.Accepted, (await node.SendAsync(RecordEncounter(EncounterStatus.Finished, version: 2))).Outcome);
            var draft = new DraftInvoice(Invoice, LegalEntity, Encounter, Currency.Usd, [Line("1", 125.40m), Line("2", 80.10m)], new DateOnly(2026, 3, 14), Stamp("Claim", "claim-1"));
            Assert.Equal(Outcome.Accepted, (await node.SendAsync(draft)).Outcome);
            Assert.Equal(Outcome.Accepted, (await node.SendAsync(new IssueInvoice(Invoice, "payer-17", new DateOnly(2026, 3, 15), Stamp("ExplanationOfBenefit", "eob-1")))).Outcome);
            Assert.Equal(Outcome.Accepted, (await node.SendAsync(new RecordPayment(Invoice, "pay-1", Usd(150m), new DateOnly(2026, 4, 1), Stamp("PaymentReconciliation", "pr-1")))).Outcome);
            encounterBefore = (await node.GetStateAsync(EntityTypes.Encounter, Encounter.ToString())).StateJson;
            invoiceBefore = (await node.GetStateAsync(EntityTypes.Invoice, Invoice.ToString())).StateJson;
        }

        await using (var node = await startNode())
        {
            var encounter = await node.GetStateAsync(EntityTypes.Encounter, Encounter.ToString());
            Assert.Equal(encounterBefore, encounter.StateJson);
            Assert.Equal(5, encounter.SequenceNr); // registered, 2 charges, completed (+ one billing trigger)
            var state = encounter.StateAs<EncounterState>();
            Assert.Equal(EncounterStatus.Finished, state.Status);
            Assert.Equal(Usd(205.50m), state.ChargesTotal);

            var invoice = await node.GetStateAsync(EntityTypes.Invoice, Invoice.ToString());
            Assert.Equal(invoiceBefore, invoice.StateJson);
            Assert.Equal(Usd(55.50m), invoice.StateAs<InvoiceState>().Balance);

            // The journal remembers versions: the same inputs after a restart change nothing.
            Assert.Equal(Outcome.Duplicate, (await node.SendAsync(CaptureCharge("c1", 125.40m))).Outcome);
            Assert.Equal(Outcome.OutOfOrder, (await node.SendAsync(RecordEncounter())).Outcome);
            Assert.Equal(5, (await node.GetStateAsync(EntityTypes.Encounter, Encounter.ToString())).SequenceNr);

            // The network configuration seeded on the first start is unchanged on the second.
            var legalEntity = await node.GetStateAsync(EntityTypes.LegalEntity, "northwind-health");
            Assert.Equal("Northwind Health Partners", legalEntity.StateAs<LegalEntityState>().Profile!.Name);
            Assert.Equal(1, legalEntity.SequenceNr);
        }
    }

    /// <summary>
    /// Hundreds of entities recovering at the same moment (their reads are answered in batches):
    /// each finds its own events and snapshot, none another's.
    /// </summary>
    public static async Task ManyAtOnceAsync(Func<Task<ActorSyncNode>> startNode)
    {
        var keys = Enumerable.Range(0, 300).Select(i => new EncounterKey(Site, new EncounterId($"many-{i}"))).ToList();
        await using (var node = await startNode())
        {
            await Task.WhenAll(keys.Select(async (key, i) =>
            {
                await node.SendAsync(RecordEncounter(key: key));
                for (var charge = 0; charge < i % 4; charge++)
                    await node.SendAsync(CaptureCharge($"c{charge}", 10m + charge, key: key));
            }));
        }

        await using (var node = await startNode())
        {
            var states = await Task.WhenAll(keys.Select(k => node.GetStateAsync(EntityTypes.Encounter, k.ToString())));
            Assert.Equal(keys.Select((_, i) => 1L + (i % 4)), states.Select(s => s.SequenceNr));
            Assert.Equal(keys.Select((_, i) => i % 4), states.Select(s => s.StateAs<EncounterState>().Charges.Count));
        }
    }
}
