using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Domain.Common;
using ActorSync.Domain.MasterData;
using ActorSync.Fhir.MasterData;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;

namespace ActorSync.Actors.MasterData;

/// <summary>A source's master-data registry rebuilt from the journal (every change is tagged), so references still resolve after a restart.</summary>
public static class MasterDataJournal
{
    public static async Task<MasterDataRegistry> LoadAsync(ActorSyncNode node, SourceId source)
    {
        var registry = new MasterDataRegistry();
        var queries = PersistenceQuery.Get(node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        // In journal order, so a later version of a resource replaces an earlier one.
        await queries.CurrentEventsByTag(EventTags.MasterData, Offset.NoOffset())
            .RunForeach(envelope =>
            {
                if (envelope.Event is MasterDataRecorded recorded && recorded.Key.Source == source)
                    registry.Remember(recorded.Key.Reference, recorded.Record);
            }, node.System.Materializer());
        return registry;
    }
}
