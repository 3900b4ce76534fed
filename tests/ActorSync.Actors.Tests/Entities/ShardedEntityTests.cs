using ActorSync.Actors.Encounters;
using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;
using Xunit;
using static ActorSync.Actors.Tests.Support.Samples;

namespace ActorSync.Actors.Tests.Entities;

/// <summary>Entities behind their shard regions on a real node and SQLite file.</summary>
public sealed class ShardedEntityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Events_carry_tags_that_projections_can_read_by()
    {
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        await node.SendAsync(RecordEncounter());
        await node.SendAsync(CaptureCharge("c1", 10m));
        await node.SendAsync(RecordEncounter(EncounterStatus.Finished, version: 2));

        var queries = PersistenceQuery.Get(node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var materializer = node.System.Materializer();
        var triggers = await Collect(queries.CurrentEventsByTag(EventTags.BillingTrigger, Offset.NoOffset()), materializer);
        var financial = await Collect(queries.CurrentEventsByTag(EventTags.Financial, Offset.NoOffset()), materializer);
        var encounters = await Collect(queries.CurrentEventsByPersistenceId(EncounterEntity.Definition.PersistenceId(Encounter.ToString()), 0, long.MaxValue), materializer);

        var completed = Assert.IsType<EncounterCompleted>(Assert.Single(triggers).Event);
        Assert.Equal(Usd(10m), completed.Trigger.ChargesTotal);
        Assert.Equal([typeof(ChargeCaptured), typeof(EncounterCompleted)], financial.Select(e => e.Event.GetType()));
        // The finished version also sets the period's end: an update, then the completion.
        Assert.Equal([typeof(EncounterRegistered), typeof(ChargeCaptured), typeof(EncounterUpdated), typeof(EncounterCompleted)], encounters.Select(e => e.Event.GetType()));
        Assert.All(encounters, e => Assert.Equal("encounter|nw-general/enc-1", e.PersistenceId));
        // Only events a flow follows are tagged: a registration has no tag row.
        Assert.Empty(await Collect(queries.CurrentEventsByTag(EntityTypes.Encounter, Offset.NoOffset()), materializer));
    }

    [Fact]
    public async Task Idle_entities_are_passivated_and_come_back_with_their_state()
    {
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path, "akka.cluster.sharding.passivate-idle-entity-after = 1s\n"));
        await node.SendAsync(RecordEncounter());
        await node.SendAsync(CaptureCharge("c1", 42m));
        Assert.Contains(Encounter.ToString(), await LiveEncounters(node));

        await AssertEventually(async () => Assert.DoesNotContain(Encounter.ToString(), await LiveEncounters(node)), TimeSpan.FromSeconds(10));

        var state = await node.GetStateAsync(EntityTypes.Encounter, Encounter.ToString());
        Assert.Equal(Usd(42m), state.StateAs<EncounterState>().ChargesTotal);
        Assert.Contains(Encounter.ToString(), await LiveEncounters(node));
    }

    [Fact]
    public async Task Replies_travel_through_the_shard_region_for_every_entity_type()
    {
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        var item = await node.GetStateAsync(EntityTypes.Item, "nw-general/706437002");
        Assert.Equal("ACT-SUP-GLOVES", item.StateAs<Domain.Items.ItemState>().Mapping!.ErpProduct);
        var consume = new Domain.Items.ConsumeItem(new Domain.Items.ItemKey(Site, new ItemId("706437002")), "sd-1", Quantity.Of(3m, "bottle"), Emergency, At, Stamp("SupplyDelivery", "sd-1"));
        var reply = await node.SendAsync(consume);
        Assert.Equal(Outcome.Rejected, reply.Outcome);
        Assert.Contains("'bottle'", reply.Reason, StringComparison.Ordinal);
    }

    private static Task<List<EventEnvelope>> Collect(Source<EventEnvelope, NotUsed> events, IMaterializer materializer) =>
        events.RunAggregate(new List<EventEnvelope>(), (list, e) => { list.Add(e); return list; }, materializer);

    private static async Task<IReadOnlySet<string>> LiveEncounters(ActorSyncNode node)
    {
        var state = await node.Encounters.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.SelectMany(s => s.EntityIds).ToHashSet();
    }

    private static async Task AssertEventually(Func<Task> assertion, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
