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

    private const string TagTable = "akka.persistence.journal.sql.tag-write-mode = TagTable\nakka.persistence.query.journal.sql.tag-read-mode = TagTable\n";

    [Theory]
    [InlineData("Csv")]
    [InlineData("TagTable")]
    public async Task Concurrent_writes_of_many_entities_are_all_committed_once_in_sequence_with_their_tags(string tagMode)
    {
        const int entities = 100, chargesEach = 10;
        var keys = Enumerable.Range(0, entities).Select(i => new EncounterKey(Site, new EncounterId($"enc-{i}"))).ToList();
        var options = TestNodes.Sqlite(_folder.Path, tagMode == "TagTable" ? TagTable : "");
        await using (var node = await ActorSyncNode.StartAsync(options))
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
        // Charges carry the financial tag, registrations none: in the row's tags column, or as tag
        // rows that each point at their own event.
        var tagged = tagMode == "Csv"
            ? await Scalar(connection, $"SELECT count(*) FROM event_journal WHERE tags = ';{EventTags.Financial};' AND sequence_nr > 1")
            : await Scalar(connection, $"SELECT count(*) FROM tags t JOIN event_journal e ON e.ordering = t.ordering_id AND e.persistence_id = t.persistence_id AND e.sequence_nr = t.sequence_nr WHERE t.tag = '{EventTags.Financial}' AND e.sequence_nr > 1");
        Assert.Equal((long)entities * chargesEach, tagged);

        await using var again = await ActorSyncNode.StartAsync(options);
        var state = await again.GetStateAsync(EntityTypes.Encounter, keys[42].ToString());
        Assert.Equal(11, state.SequenceNr);
        Assert.Equal(Usd(100m), state.StateAs<EncounterState>().ChargesTotal);
    }

    [Fact]
    public async Task A_write_refused_by_a_constraint_fails_alone_and_the_rest_of_its_group_is_committed()
    {
        var victim = new EncounterKey(Site, new EncounterId("enc-victim"));
        var others = Enumerable.Range(0, 50).Select(i => new EncounterKey(Site, new EncounterId($"enc-other-{i}"))).ToList();
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        await Task.WhenAll(others.Append(victim).Select(k => node.SendAsync(RecordEncounter(key: k))));

        // Another writer (a second node, a bad script) has taken the victim's next sequence number.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "actorsync.db")}"))
        {
            await connection.OpenAsync();
            await using var steal = new SqliteCommand(
                "INSERT INTO event_journal (timestamp, is_deleted, persistence_id, sequence_nr, payload, manifest, serializer_id) " +
                "SELECT timestamp, is_deleted, persistence_id, 2, payload, manifest, serializer_id FROM event_journal WHERE persistence_id = 'encounter|nw-general/enc-victim'", connection);
            Assert.Equal(1, await steal.ExecuteNonQueryAsync());
        }

        var victimWrite = node.SendAsync(CaptureCharge("victim-c1", 10m, key: victim));
        var otherWrites = others.Select(k => node.SendAsync(CaptureCharge($"{k.Encounter}-c1", 10m, key: k))).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => victimWrite);
        Assert.All(await Task.WhenAll(otherWrites), r => Assert.Equal(Outcome.Accepted, r.Outcome));
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
