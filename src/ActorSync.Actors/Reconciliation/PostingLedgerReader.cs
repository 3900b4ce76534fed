using ActorSync.Actors.Configuration;
using ActorSync.Actors.Sinks;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Sinks;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSync.Actors.Reconciliation;

/// <summary>The posting ledger, read from every sink's journal from the start (sinks never delete events).</summary>
public static class PostingLedgerReader
{
    public static async Task<PostingLedger> ReadAsync(ActorSystem system, NetworkSettings network, CancellationToken ct)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var materializer = system.Materializer();
        var ledger = new PostingLedger();
        foreach (var sink in SinkEntity.All(network).Select(k => k.ToString()))
        {
            ct.ThrowIfCancellationRequested();
            await journal.CurrentEventsByPersistenceId(SinkEntity.PersistenceId(sink), 0, long.MaxValue)
                .RunForeach(e => { if (e.Event is ISinkEvent sinkEvent) ledger.Apply(sink, sinkEvent); }, materializer);
        }
        return ledger;
    }
}
