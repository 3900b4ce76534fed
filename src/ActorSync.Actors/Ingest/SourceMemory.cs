using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.MasterData;
using ActorSync.Fhir.MasterData;
using ActorSync.Fhir.Mapping;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;

namespace ActorSync.Actors.Ingest;

/// <summary>
/// What a source's session must know from before a restart, read back from the journal when the
/// session starts: its master data (to resolve references) and the invoice each of its claims and
/// invoices drafted (so that an EOB or payment arriving days later still finds it). In journal
/// order, so later versions win; the claim memory keeps its most recent entries.
/// </summary>
public static class SourceMemory
{
    public static async Task<(MasterDataRegistry Registry, ReferenceMemory Invoices)> LoadAsync(ActorSyncNode node, SourceId source)
    {
        var registry = new MasterDataRegistry();
        var invoices = new ReferenceMemory();
        await ForEachAsync(node, EventTags.MasterData, e =>
        {
            if (e is MasterDataRecorded recorded && recorded.Key.Source == source)
                registry.Remember(recorded.Key.Reference, recorded.Record);
        });
        await ForEachAsync(node, EventTags.InvoiceDrafted, e =>
        {
            if (e is InvoiceDrafted drafted && drafted.Stamp.Source == source)
                invoices.Remember($"{drafted.Stamp.ResourceType}/{drafted.Stamp.ResourceId}", drafted.Key);
        });
        return (registry, invoices);
    }

    private static Task ForEachAsync(ActorSyncNode node, string tag, Action<object> apply) =>
        PersistenceQuery.Get(node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentEventsByTag(tag, Offset.NoOffset())
            .RunForeach(envelope => apply(envelope.Event), node.System.Materializer());
}
