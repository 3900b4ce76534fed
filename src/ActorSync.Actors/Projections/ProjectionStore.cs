using System.Data.Common;
using ActorSync.Actors.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorSync.Actors.Projections;

/// <summary>
/// Where projections keep their read models: tables in the journal's own database on PostgreSQL,
/// a file beside the journal on SQLite (<see cref="SqliteFileOf"/>), and each projection's offset
/// per source stream in <c>projection_offsets</c>, written in the same
/// transaction as the rows it covers — a crash never loses an offset nor moves one past rows that
/// were not written. The SQL is the common dialect of SQLite and PostgreSQL (upserts with
/// <c>ON CONFLICT</c>, times as ISO 8601 text).
/// </summary>
public sealed class ProjectionStore : IAsyncDisposable
{
    private ProjectionStore(DbConnection connection) => Connection = connection;

    public DbConnection Connection { get; }

    public static async Task<ProjectionStore> OpenAsync(StorageSettings storage, CancellationToken ct)
    {
        DbConnection connection = storage.Kind == StorageKind.Sqlite ? new SqliteConnection(SqliteConnectionString(storage)) : new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync(ct);
        var store = new ProjectionStore(connection);
        await store.ExecuteAsync(null, "CREATE TABLE IF NOT EXISTS projection_offsets (projection TEXT NOT NULL, stream TEXT NOT NULL, last_offset BIGINT NOT NULL, PRIMARY KEY (projection, stream))", ct);
        return store;
    }

    /// <summary>
    /// On SQLite the read models live in a file of their own beside the journal
    /// (<c>actorsync.db</c> → <c>actorsync.projections.db</c>): a SQLite file has one write lock,
    /// and a projection holding the journal's would stall every entity's write while it applies a batch.
    /// </summary>
    public static string? SqliteFileOf(StorageSettings storage) =>
        storage.SqliteFile is { } journal ? Path.Combine(Path.GetDirectoryName(journal) ?? ".", Path.GetFileNameWithoutExtension(journal) + ".projections.db") : null;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Prepared = new(StringComparer.Ordinal);

    /// <summary>The projections file, prepared once per process in the journal's own journal mode.</summary>
    private static string SqliteConnectionString(StorageSettings storage)
    {
        var file = SqliteFileOf(storage) ?? throw new InvalidOperationException("a SQLite store without a file");
        if (Prepared.TryAdd(file, true))
            Storage.SqliteJournalFile.Prepare(file, storage.SqliteJournalMode);
        return Storage.SqliteJournalFile.ConnectionString(file);
    }

    /// <summary>How far the projection has applied each stream (streams it never read are absent: offset 0).</summary>
    public async Task<Dictionary<string, long>> OffsetsAsync(string projection, CancellationToken ct)
    {
        await using var command = Command(null, "SELECT stream, last_offset FROM projection_offsets WHERE projection = @projection", ("projection", projection));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
            offsets[reader.GetString(0)] = reader.GetInt64(1);
        return offsets;
    }

    /// <summary>
    /// A write transaction that no other runner of a projection holds at the same time: SQLite's
    /// transactions take the write lock at BEGIN (IMMEDIATE); on PostgreSQL a transaction-scoped
    /// advisory lock per projection. Offsets read inside it are the current ones.
    /// </summary>
    public async Task<DbTransaction> BeginExclusiveAsync(string projection, CancellationToken ct)
    {
        if (Connection is SqliteConnection sqlite)
            return sqlite.BeginTransaction(deferred: false);
        var tx = await Connection.BeginTransactionAsync(ct);
        if (Connection is NpgsqlConnection)
            await ExecuteAsync(tx, "SELECT pg_advisory_xact_lock(hashtext(@projection))", ct, ("projection", "actorsync-projection-" + projection));
        return tx;
    }

    /// <summary>One stream's offset, read inside a transaction (0 when the stream was never read).</summary>
    public async Task<long> OffsetAsync(DbTransaction tx, string projection, string stream, CancellationToken ct)
    {
        await using var command = Command(tx, "SELECT last_offset FROM projection_offsets WHERE projection = @projection AND stream = @stream", ("projection", projection), ("stream", stream));
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public Task SetOffsetAsync(DbTransaction tx, string projection, string stream, long offset, CancellationToken ct) =>
        ExecuteAsync(tx, "INSERT INTO projection_offsets (projection, stream, last_offset) VALUES (@projection, @stream, @offset) " +
            "ON CONFLICT (projection, stream) DO UPDATE SET last_offset = excluded.last_offset", ct, ("projection", projection), ("stream", stream), ("offset", offset));

    public Task ResetOffsetsAsync(DbTransaction tx, string projection, CancellationToken ct) =>
        ExecuteAsync(tx, "DELETE FROM projection_offsets WHERE projection = @projection", ct, ("projection", projection));

    public async Task ExecuteAsync(DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(tx, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    public DbCommand Command(DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
