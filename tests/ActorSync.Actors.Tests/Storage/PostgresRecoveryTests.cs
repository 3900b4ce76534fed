using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using Npgsql;
using Xunit;

namespace ActorSync.Actors.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresRecoveryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Hundreds_of_entities_recovering_at_once_each_find_their_own_events_and_snapshots()
    {
        var database = await postgres.NewDatabaseAsync();
        await RecoveryScenario.ManyAtOnceAsync(() => ActorSyncNode.StartAsync(TestNodes.Postgres(database, RecoveryScenario.SnapshotOften)));
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_actor_system_on_the_same_postgresql_database()
    {
        var database = await postgres.NewDatabaseAsync();
        await RecoveryScenario.RunAsync(() => ActorSyncNode.StartAsync(TestNodes.Postgres(database, RecoveryScenario.SnapshotOften)));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var snapshots = new NpgsqlCommand("SELECT count(*) FROM snapshot_store", connection);
        Assert.True((long)(await snapshots.ExecuteScalarAsync())! > 0, "snapshots were saved and read back through the serializer");
    }

    [Fact]
    public async Task Events_and_sharding_state_land_in_separate_postgresql_tables()
    {
        var database = await postgres.NewDatabaseAsync();
        await using (await ActorSyncNode.StartAsync(TestNodes.Postgres(database)))
        {
        }
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM event_journal WHERE persistence_id LIKE 'legal-entity|%'", connection);
        Assert.Equal(2L, (long)(await count.ExecuteScalarAsync())!);
        await using var sharding = new NpgsqlCommand("SELECT count(*) FROM sharding_journal", connection);
        Assert.True((long)(await sharding.ExecuteScalarAsync())! > 0, "the sharding coordinators persisted their state in their own table");
    }

    [Fact]
    public async Task The_password_comes_from_the_environment_not_the_hocon()
    {
        var database = await postgres.NewDatabaseAsync();
        Environment.SetEnvironmentVariable("ACTORSYNC_TEST_PG_PASSWORD", "s3cret-from-env");
        try
        {
            var (_, storage, _) = ActorSyncNode.LoadConfiguration(TestNodes.Postgres(database, "actorsync.storage.postgresql.password-env = ACTORSYNC_TEST_PG_PASSWORD\n"));
            Assert.Contains("Password=s3cret-from-env", storage.ConnectionString, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", storage.Description, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ACTORSYNC_TEST_PG_PASSWORD", null);
        }
    }
}
