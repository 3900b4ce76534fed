using ActorSync.Actors.Encounters;
using ActorSync.Actors.Entities;
using ActorSync.Actors.Serialization;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Akka.TestKit.Xunit2;
using Xunit;
using static ActorSync.Actors.Tests.Support.Samples;

namespace ActorSync.Actors.Tests.Entities;

/// <summary>
/// The entity actor on its own, over Akka's test journal, whose writes can be delayed, failed or
/// rejected: what the sender hears must follow what the journal did.
/// </summary>
public sealed class EventSourcedEntityTests() : TestKit(Config)
{
    private static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        # CI runs test classes in parallel on 2 cores: wait generously, assert on order, not speed.
        akka.test.single-expect-default = 10s
        """).WithFallback(SerializationConfig.Create());

    private int _entities;

    private ITestJournal Journal => TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null));

    private IActorRef NewEncounter(int snapshotEvery = 100, string? id = null) =>
        Sys.ActorOf(EventSourcedEntity<EncounterState, IEncounterCommand, IEncounterEvent>.Props(
            EncounterEntity.Definition, id ?? $"site/enc-{Interlocked.Increment(ref _entities)}", new EntitySettings(snapshotEvery)));

    [Fact]
    public async Task Accepted_command_is_answered_only_after_the_journal_wrote_its_events()
    {
        var entity = NewEncounter();
        var writeTakes = TimeSpan.FromMilliseconds(800);
        await Journal.OnWrite.PassWithDelay(writeTakes);

        var sent = System.Diagnostics.Stopwatch.StartNew();
        entity.Tell(RecordEncounter());
        var reply = ExpectMsg<CommandReply>(TimeSpan.FromSeconds(10));

        // The journal holds the write for 800 ms: an answer before durability would come within a few ms.
        // (Timers may fire a little early against the stopwatch, hence the margin.)
        Assert.True(sent.Elapsed >= writeTakes * 0.9, $"answered after {sent.Elapsed.TotalMilliseconds:F0} ms, before the write completed");
        Assert.Equal(Outcome.Accepted, reply.Outcome);
        Assert.Equal(1, reply.SequenceNr);
    }

    [Fact]
    public async Task A_failed_journal_write_is_never_acknowledged()
    {
        var entity = NewEncounter();
        await Journal.OnWrite.Fail();

        entity.Tell(RecordEncounter());

        var failure = ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(10));
        Assert.Contains("journal write failed", failure.Cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_decides_each_command_on_the_state_before_it_and_persists_in_one_write()
    {
        var entity = NewEncounter(snapshotEvery: 2);

        entity.Tell(new CommandBatch([RecordEncounter(), CaptureCharge("c1", 10m), CaptureCharge("c1", 10m), CaptureCharge("c2", 5m)]));

        var replies = ExpectMsg<CommandBatchReply>(TimeSpan.FromSeconds(10)).Replies;
        // The repeat of c1 is a duplicate of the charge the batch itself captured.
        Assert.Equal([Outcome.Accepted, Outcome.Accepted, Outcome.Duplicate, Outcome.Accepted], replies.Select(r => r.Outcome));
        Assert.All(replies, r => Assert.Equal(3, r.SequenceNr));
        entity.Tell(new GetEntityState(EntityTypes.Encounter, "any"));
        var state = ExpectMsg<EntityStateReply>().StateAs<EncounterState>();
        Assert.Equal(Money.Of(15m, Currency.Usd), state.ChargesTotal);
    }

    [Fact]
    public async Task A_batch_the_journal_rejects_is_answered_with_a_rejection_per_command()
    {
        var entity = NewEncounter();
        await Journal.OnWrite.Reject();

        entity.Tell(new CommandBatch([RecordEncounter(), CaptureCharge("c1", 10m)]));

        var replies = ExpectMsg<CommandBatchReply>(TimeSpan.FromSeconds(10)).Replies;
        Assert.Equal([Outcome.Rejected, Outcome.Rejected], replies.Select(r => r.Outcome));
    }

    [Fact]
    public async Task A_write_the_journal_rejects_is_answered_as_rejected_with_the_reason()
    {
        var entity = NewEncounter();
        await Journal.OnWrite.Reject();

        entity.Tell(RecordEncounter());

        var reply = ExpectMsg<CommandReply>(TimeSpan.FromSeconds(10));
        Assert.Equal(Outcome.Rejected, reply.Outcome);
        Assert.Contains("journal rejected", reply.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_out_of_order_versions_and_business_rejections_write_nothing()
    {
        var entity = NewEncounter();
        entity.Tell(RecordEncounter(version: 2));
        Assert.Equal(1, ExpectMsg<CommandReply>().SequenceNr);

        entity.Tell(RecordEncounter(version: 2));
        var duplicate = ExpectMsg<CommandReply>();
        entity.Tell(RecordEncounter(version: 1));
        var older = ExpectMsg<CommandReply>();
        entity.Tell(new VoidCharge(Encounter, "no-such-charge", "test", Stamp("ChargeItem", "x")));
        var rejected = ExpectMsg<CommandReply>();

        Assert.Equal((Outcome.Duplicate, 1L), (duplicate.Outcome, duplicate.SequenceNr));
        Assert.Equal((Outcome.OutOfOrder, 1L), (older.Outcome, older.SequenceNr));
        Assert.Equal((Outcome.Rejected, 1L), (rejected.Outcome, rejected.SequenceNr));
        Assert.Contains("no-such-charge", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restarted_entity_recovers_its_state_from_the_journal()
    {
        const string id = "site/enc-recover";
        var entity = NewEncounter(id: id);
        entity.Tell(RecordEncounter());
        entity.Tell(CaptureCharge("c1", 100m));
        entity.Tell(CaptureCharge("c2", 23.45m));
        ExpectMsg<CommandReply>();
        ExpectMsg<CommandReply>();
        ExpectMsg<CommandReply>();
        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);

        var again = NewEncounter(id: id);
        again.Tell(new GetEntityState(EntityTypes.Encounter, id));
        var state = ExpectMsg<EntityStateReply>();

        Assert.Equal(3, state.SequenceNr);
        Assert.Equal(Usd(123.45m), state.StateAs<EncounterState>().ChargesTotal);
    }

    [Fact]
    public void A_snapshot_is_taken_every_n_events_and_recovery_starts_from_it()
    {
        const string id = "site/enc-snapshot";
        var entity = NewEncounter(snapshotEvery: 3, id: id);
        entity.Tell(RecordEncounter());
        for (var i = 1; i <= 4; i++)
            entity.Tell(CaptureCharge($"c{i}", 10m));
        for (var i = 0; i < 5; i++)
            ExpectMsg<CommandReply>();

        var snapshots = Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        AwaitAssert(() =>
        {
            var loaded = snapshots.Ask<LoadSnapshotResult>(new LoadSnapshot(EncounterEntity.Definition.PersistenceId(id), SnapshotSelectionCriteria.Latest, long.MaxValue)).Result;
            Assert.Equal(3, loaded.Snapshot?.Metadata.SequenceNr);
            Assert.Equal(2, ((EncounterState)loaded.Snapshot!.Snapshot).Charges.Count);
        }, TimeSpan.FromSeconds(10));

        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);
        var again = NewEncounter(snapshotEvery: 3, id: id);
        again.Tell(new GetEntityState(EntityTypes.Encounter, id));
        Assert.Equal(Usd(40m), ExpectMsg<EntityStateReply>().StateAs<EncounterState>().ChargesTotal);
    }

    [Fact]
    public void A_domain_error_inside_decide_is_a_rejection_not_a_crash()
    {
        var throwing = EncounterEntity.Definition with { Decider = new ThrowingDecider() };
        var entity = Sys.ActorOf(EventSourcedEntity<EncounterState, IEncounterCommand, IEncounterEvent>.Props(throwing, "site/enc-throws", EntitySettings.Default));

        entity.Tell(RecordEncounter());
        var reply = ExpectMsg<CommandReply>();
        Assert.Equal(Outcome.Rejected, reply.Outcome);
        Assert.Equal("Cannot combine USD with EUR.", reply.Reason);

        // Still alive and answering.
        entity.Tell(new GetEntityState(EntityTypes.Encounter, "site/enc-throws"));
        Assert.Equal(0, ExpectMsg<EntityStateReply>().SequenceNr);
    }

    [Fact]
    public async Task Stopping_an_entity_during_a_write_still_answers_the_sender_before_it_stops()
    {
        var entity = NewEncounter();
        Watch(entity);
        await Journal.OnWrite.PassWithDelay(TimeSpan.FromMilliseconds(500));

        entity.Tell(RecordEncounter());
        entity.Tell(StopEntity.Instance);       // what sharding sends on hand-off and passivation
        entity.Tell(CaptureCharge("c1", 5m));   // queued behind the stop: never processed, never half-done

        Assert.Equal(Outcome.Accepted, ExpectMsg<CommandReply>(TimeSpan.FromSeconds(10)).Outcome);
        ExpectTerminated(entity, TimeSpan.FromSeconds(10));
    }

    /// <summary>Decides like a real decider that meets a value the model cannot hold.</summary>
    private sealed class ThrowingDecider : IDecider<EncounterState, IEncounterCommand, IEncounterEvent>
    {
        public EncounterState Initial => EncounterState.Empty;

        public Decision<IEncounterEvent> Decide(EncounterState state, IEncounterCommand command)
        {
            _ = Money.Of(1m, Currency.Usd) + Money.Of(1m, Currency.Eur);
            return Decision<IEncounterEvent>.Duplicate();
        }

        public EncounterState Apply(EncounterState state, IEncounterEvent @event) => state;
    }
}
