using ActorSync.Storage;
using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

public enum StorageKind
{
    Sqlite,
    PostgreSql,
}

/// <summary>Where the journal lives, bound from <c>actorsync.storage</c>.</summary>
public sealed record StorageSettings(StorageKind Kind, string ConnectionString, string Description, string? SqliteFile, string SqliteJournalMode)
{
    /// <summary>Every persistence plugin that needs the connection string ActorSync computes.</summary>
    public static readonly string[] PluginPaths =
    [
        "akka.persistence.journal.sql",
        "akka.persistence.journal.sharding",
        "akka.persistence.snapshot-store.sql",
        "akka.persistence.snapshot-store.sharding",
        "akka.persistence.query.journal.sql",
    ];

    public static StorageSettings From(Config config, string? dataDirOverride = null)
    {
        var kind = config.GetString("actorsync.storage.kind", "sqlite").ToLowerInvariant();
        switch (kind)
        {
            case "sqlite":
                var dataDir = dataDirOverride ?? config.GetString("actorsync.storage.data-dir", "data");
                var file = Path.GetFullPath(Path.Combine(dataDir, config.GetString("actorsync.storage.sqlite.file", "actorsync.db")));
                var mode = config.GetString("actorsync.storage.sqlite.journal-mode", "wal");
                return new StorageSettings(StorageKind.Sqlite, SqliteJournalFile.ConnectionString(file), $"SQLite {file}", file, mode);
            case "postgresql":
                var fromEnv = config.GetString("actorsync.storage.postgresql.connection-string-env", null) is { Length: > 0 } variable
                    ? Environment.GetEnvironmentVariable(variable)
                    : null;
                var raw = string.IsNullOrWhiteSpace(fromEnv) ? config.GetString("actorsync.storage.postgresql.connection-string", "") : fromEnv;
                if (string.IsNullOrWhiteSpace(raw))
                    throw new ConfigurationProblem("actorsync.storage.postgresql.connection-string is empty (set it, or the variable named by connection-string-env)");
                string connection;
                try
                {
                    connection = PostgresConnection.Build(raw, config.GetString("actorsync.storage.postgresql.password-env", "ACTORSYNC_PG_PASSWORD"));
                }
                catch (ArgumentException ex)
                {
                    throw new ConfigurationProblem($"actorsync.storage.postgresql.connection-string: {ex.Message}");
                }
                return new StorageSettings(StorageKind.PostgreSql, connection, $"PostgreSQL {PostgresConnection.Redacted(connection)}", null, "");
            default:
                throw new ConfigurationProblem($"actorsync.storage.kind = '{kind}' is not known; use sqlite or postgresql");
        }
    }

    /// <summary>Prepares the store (SQLite file and journal mode) before the actor system opens it.</summary>
    public void Prepare()
    {
        if (Kind == StorageKind.Sqlite && SqliteFile is not null)
            SqliteJournalFile.Prepare(SqliteFile, SqliteJournalMode);
    }

    /// <summary>The connection string for every plugin, as HOCON to put in front of the loaded files.</summary>
    public Config ToPluginConfig()
    {
        string For(string plugin) => Kind == StorageKind.PostgreSql && plugin == "akka.persistence.query.journal.sql"
            ? PostgresConnection.ForOrderedReads(ConnectionString)
            : ConnectionString;
        return ConfigurationFactory.ParseString(string.Join('\n', PluginPaths.Select(p => $"{p}.connection-string = {HoconText.Quote(For(p))}")));
    }
}
