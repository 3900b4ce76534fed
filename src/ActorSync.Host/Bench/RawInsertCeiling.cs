using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorSync.Host.Bench;

/// <summary>
/// The fastest the store takes rows from C# in the shape a journal writes them: a prepared INSERT of
/// a payload the size of one event, committed every <c>rowsPerTransaction</c> rows, one connection.
/// This is the ceiling the journal is compared with.
/// </summary>
internal static class RawInsertCeiling
{
    /// <param name="walAutoCheckpointPages">The journal writer's checkpoint setting, so both run under the same rules.</param>
    public static double Sqlite(string connectionString, int rows, int rowsPerTransaction, int payloadBytes, int walAutoCheckpointPages)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA wal_autocheckpoint={walAutoCheckpointPages};");
        Execute(connection, "DROP TABLE IF EXISTS bench_raw; CREATE TABLE bench_raw (ordering INTEGER PRIMARY KEY AUTOINCREMENT, persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL, payload BLOB NOT NULL, UNIQUE (persistence_id, sequence_nr));");
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < rows;)
        {
            using var tx = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO bench_raw (persistence_id, sequence_nr, payload) VALUES ($p, $s, $b)";
            var p = insert.Parameters.Add("$p", SqliteType.Text);
            var s = insert.Parameters.Add("$s", SqliteType.Integer);
            insert.Parameters.AddWithValue("$b", payload);
            insert.Prepare();
            for (var i = 0; i < rowsPerTransaction && done < rows; i++, done++)
            {
                p.Value = "bench-" + (done % 1000);
                s.Value = done;
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        var rate = rows / watch.Elapsed.TotalSeconds;
        Execute(connection, "DROP TABLE bench_raw;");
        return rate;
    }

    public static async Task<double> PostgresAsync(string connectionString, int rows, int rowsPerTransaction, int payloadBytes)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS bench_raw; CREATE TABLE bench_raw (ordering BIGSERIAL PRIMARY KEY, persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL, payload BYTEA NOT NULL, UNIQUE (persistence_id, sequence_nr));");
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        // One multi-row INSERT per transaction: the fastest plain INSERT form (one statement, one round trip).
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < rows;)
        {
            var count = Math.Min(rowsPerTransaction, rows - done);
            await using var tx = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand(MultiRowInsert(count), connection, tx);
            for (var i = 0; i < count; i++, done++)
            {
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "bench-" + (done % 1000) });
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = done });
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
            }
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        var rate = rows / watch.Elapsed.TotalSeconds;
        await ExecuteAsync(connection, "DROP TABLE bench_raw;");
        return rate;
    }

    private static string MultiRowInsert(int count) =>
        "INSERT INTO bench_raw (persistence_id, sequence_nr, payload) VALUES "
        + string.Join(", ", Enumerable.Range(0, count).Select(i => $"(${3 * i + 1}, ${3 * i + 2}, ${3 * i + 3})"));

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
