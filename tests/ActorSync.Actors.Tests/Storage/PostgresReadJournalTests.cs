using ActorSync.Actors.Configuration;
using ActorSync.Actors.Tests.Support;
using Akka.Configuration;
using Npgsql;
using Xunit;

namespace ActorSync.Actors.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresReadJournalTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_read_journal_queries_without_bitmap_scans_and_the_writers_keep_the_defaults()
    {
        var database = await postgres.NewDatabaseAsync();
        var settings = StorageSettings.From(ConfigurationFactory.ParseString($$"""
            actorsync.storage { kind = postgresql, postgresql { connection-string = {{HoconText.Quote(database)}}, connection-string-env = "" } }
            """));
        var plugins = settings.ToPluginConfig();

        Assert.Equal("off", await BitmapScansAsync(plugins.GetString("akka.persistence.query.journal.sql.connection-string")));
        Assert.Equal("on", await BitmapScansAsync(plugins.GetString("akka.persistence.journal.sql.connection-string")));
        Assert.Equal("on", await BitmapScansAsync(plugins.GetString("akka.persistence.snapshot-store.sql.connection-string")));
    }

    private static async Task<string> BitmapScansAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW enable_bitmapscan", connection);
        return (string)(await show.ExecuteScalarAsync())!;
    }
}
