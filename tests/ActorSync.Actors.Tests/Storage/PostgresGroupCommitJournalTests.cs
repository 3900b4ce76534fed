using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using Npgsql;
using Xunit;
using static ActorSync.Actors.Tests.Support.Samples;

namespace ActorSync.Actors.Tests.Storage;

/// <summary>The PostgreSQL group-commit write path: many entities at once, every event once, in order, tags in the CSV column.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGroupCommitJournalTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Concurrent_writes_of_many_entities_are_all_committed_once_in_sequence_with_their_tags()
    {
        const int entities = 100, chargesEach = 10;
        var database = await postgres.NewDatabaseAsync();
        var keys = Enumerable.Range(0, entities).Select(i => new EncounterKey(Site, new EncounterId($"enc-{i}"))).ToList();
        await using (var node = await ActorSyncNode.StartAsync(TestNodes.Postgres(database)))
        {
            await Task.WhenAll(keys.Select(k => node.SendAsync(RecordEncounter(key: k))));
            var replies = await Task.WhenAll(keys.SelectMany(k => Enumerable.Range(0, chargesEach).Select(c => node.SendAsync(CaptureCharge($"{k.Encounter}-c{c}", 10m, key: k)))));
            Assert.All(replies, r => Assert.Equal(Outcome.Accepted, r.Outcome));
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        Assert.Equal((long)entities * (chargesEach + 1), await Scalar(connection, "SELECT count(*) FROM event_journal WHERE persistence_id LIKE 'encounter|%'"));
        Assert.Equal(0L, await Scalar(connection, "SELECT count(*) FROM (SELECT persistence_id FROM event_journal WHERE persistence_id LIKE 'encounter|%' GROUP BY persistence_id HAVING max(sequence_nr) <> 11 OR count(DISTINCT sequence_nr) <> 11) AS gaps"));
        Assert.Equal((long)entities * chargesEach, await Scalar(connection, $"SELECT count(*) FROM event_journal WHERE tags = ';{EventTags.Financial};'"));

        await using var again = await ActorSyncNode.StartAsync(TestNodes.Postgres(database));
        var state = await again.GetStateAsync(EntityTypes.Encounter, keys[7].ToString());
        Assert.Equal(11, state.SequenceNr);
        Assert.Equal(Usd(100m), state.StateAs<EncounterState>().ChargesTotal);
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
