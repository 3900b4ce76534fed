using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ActorSync.Actors.Tests.Storage;

public sealed class SqliteRecoveryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task State_survives_a_restart_of_the_actor_system_on_the_same_sqlite_file()
    {
        await RecoveryScenario.RunAsync(() => ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path, RecoveryScenario.SnapshotOften)));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "actorsync.db")}");
        await connection.OpenAsync();
        await using var snapshots = new SqliteCommand("SELECT count(*) FROM snapshot", connection);
        Assert.True((long)(await snapshots.ExecuteScalarAsync())! > 0, "snapshots were saved and read back through the serializer");
    }

    [Fact]
    public async Task Hundreds_of_entities_recovering_at_once_each_find_their_own_events_and_snapshots() =>
        await RecoveryScenario.ManyAtOnceAsync(() => ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path, RecoveryScenario.SnapshotOften)));

    [Fact]
    public async Task The_embedded_default_is_one_sqlite_file_in_wal_mode_with_sharding_state_in_its_own_tables()
    {
        await using (await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path)))
        {
        }
        var file = Path.Combine(_folder.Path, "actorsync.db");
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var mode = new SqliteCommand("PRAGMA journal_mode;", connection);
        Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync());
        await using var tables = new SqliteCommand("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);", connection);
        var names = ((string)(await tables.ExecuteScalarAsync())!).Split(',');
        Assert.Contains("event_journal", names);
        Assert.Contains("sharding_journal", names);
        await using var events = new SqliteCommand("SELECT count(*) FROM event_journal WHERE persistence_id LIKE 'legal-entity|%';", connection);
        Assert.Equal(2L, (long)(await events.ExecuteScalarAsync())!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
