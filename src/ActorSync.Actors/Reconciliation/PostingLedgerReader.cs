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
        var ledger = new PostingLedger();
        foreach (var sink in SinkEntity.All(network).Select(k => k.ToString()))
        {
            ct.ThrowIfCancellationRequested();
            await FoldAsync(system, sink, ledger);
        }
        return ledger;
    }

    /// <summary>Applies one sink's events, up to <paramref name="toSequenceNr"/>, to the ledger.</summary>
    public static Task FoldAsync(ActorSystem system, string sinkId, PostingLedger ledger, long toSequenceNr = long.MaxValue) =>
        PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentEventsByPersistenceId(SinkEntity.PersistenceId(sinkId), 0, toSequenceNr)
            .RunForeach(e => { if (e.Event is ISinkEvent sinkEvent) ledger.Apply(sinkId, sinkEvent); }, system.Materializer());
}
