using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using Microsoft.Data.Sqlite;
using Xunit;
using static ActorSync.Actors.Tests.Support.Samples;

namespace ActorSync.Actors.Tests.Storage;

/// <summary>The group-commit write path: many entities writing at once, every event once, in order, with its tags.</summary>
public sealed class SqliteGroupCommitJournalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Concurrent_writes_of_many_entities_are_all_committed_once_in_sequence_with_their_tags()
    {
        const int entities = 100, chargesEach = 10;
        var keys = Enumerable.Range(0, entities).Select(i => new EncounterKey(Site, new EncounterId($"enc-{i}"))).ToList();
        await using (var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path)))
        {
            await Task.WhenAll(keys.Select(k => node.SendAsync(RecordEncounter(key: k))));
            var replies = await Task.WhenAll(keys.SelectMany(k => Enumerable.Range(0, chargesEach).Select(c => node.SendAsync(CaptureCharge($"{k.Encounter}-c{c}", 10m, key: k)))));
            Assert.All(replies, r => Assert.Equal(Outcome.Accepted, r.Outcome));
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "actorsync.db")}");
        await connection.OpenAsync();
        Assert.Equal((long)entities * (chargesEach + 1), await Scalar(connection, "SELECT count(*) FROM event_journal WHERE persistence_id LIKE 'encounter|%'"));
        // Sequence numbers are dense per entity: 1..11, no gaps, no repeats.
        Assert.Equal(0L, await Scalar(connection, "SELECT count(*) FROM (SELECT persistence_id FROM event_journal WHERE persistence_id LIKE 'encounter|%' GROUP BY persistence_id HAVING max(sequence_nr) <> 11 OR count(DISTINCT sequence_nr) <> 11)"));
        // Charges carry the financial tag, registrations no tag; each tag row points at its own event.
        Assert.Equal((long)entities * chargesEach, await Scalar(connection, "SELECT count(*) FROM tags"));
        Assert.Equal((long)entities * chargesEach, await Scalar(connection,
            $"SELECT count(*) FROM tags t JOIN event_journal e ON e.ordering = t.ordering_id AND e.persistence_id = t.persistence_id AND e.sequence_nr = t.sequence_nr WHERE t.tag = '{EventTags.Financial}' AND e.sequence_nr > 1"));

        await using var again = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        var state = await again.GetStateAsync(EntityTypes.Encounter, keys[42].ToString());
        Assert.Equal(11, state.SequenceNr);
        Assert.Equal(Usd(100m), state.StateAs<EncounterState>().ChargesTotal);
    }

    private static async Task<long> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
