using Microsoft.Data.Sqlite;

namespace ActorSync.Storage;

/// <summary>The embedded journal: one SQLite file. Creates its folder and sets the journal mode before Akka opens it.</summary>
public static class SqliteJournalFile
{
    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, Cache = SqliteCacheMode.Private }.ToString();

    /// <summary>
    /// WAL cannot be asked for in a connection string: it is a property of the file, set once with a
    /// pragma and kept by SQLite from then on.
    /// </summary>
    public static void Prepare(string path, string journalMode)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA journal_mode={Validated(journalMode)};";
        var actual = command.ExecuteScalar() as string;
        if (!string.Equals(actual, journalMode, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"SQLite file {path} refused journal_mode={journalMode} (it is {actual}).");
    }

    private static string Validated(string mode) =>
        mode.ToLowerInvariant() is "wal" or "delete" or "truncate" or "persist"
            ? mode.ToLowerInvariant()
            : throw new ArgumentException($"'{mode}' is not a SQLite journal mode ActorSync supports (wal, delete, truncate, persist).", nameof(mode));
}
