using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorSync.Actors.Journal;

/// <summary>
/// Reads that recovery asks one persistence id at a time (the highest sequence number, the latest
/// snapshot), answered together: one reader thread takes every request waiting and asks for all
/// of them in one <c>WHERE persistence_id IN (...)</c> query on a connection of its own. When
/// thousands of entities start at once (an ingest of new encounters), that is a query per few
/// hundred entities instead of a pooled connection, a transaction and a query each. The reader is
/// an async loop: a thread blocked on the channel would spin on every wait.
/// </summary>
internal sealed class BatchedLookup<TResult> : IDisposable
{
    private const int MaxKeysPerQuery = 500;
    // Each waiting request is one recovering entity; past this many, further ones wait for room.
    private readonly Channel<(string Key, TaskCompletionSource<TResult?> Done)> _waiting =
        Channel.CreateBounded<(string, TaskCompletionSource<TResult?>)>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Func<DbConnection> _open;
    private readonly Func<DbCommand, IReadOnlyList<string>, Dictionary<string, TResult>> _query;
    private readonly string _name;
    private readonly Task _loop;
    private DbConnection? _connection;

    public BatchedLookup(string name, Func<DbConnection> open, Func<DbCommand, IReadOnlyList<string>, Dictionary<string, TResult>> query)
    {
        _open = open;
        _query = query;
        _name = name;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The result for a persistence id, or default when it has none.</summary>
    public async Task<TResult?> GetAsync(string persistenceId)
    {
        var done = new TaskCompletionSource<TResult?>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _waiting.Writer.WriteAsync((persistenceId, done));
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(_name);
        }
        return await done.Task;
    }

    /// <summary>A connection for the provider a journal or snapshot store is configured with; null for the providers this does not cover.</summary>
    public static Func<DbConnection>? ConnectionFor(string providerName, string connectionString) =>
        providerName.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase) ? () => new SqliteConnection(connectionString)
        : providerName.StartsWith("PostgreSQL", StringComparison.OrdinalIgnoreCase) ? () => new NpgsqlConnection(connectionString)
        : null;

    /// <summary><c>@p0, @p1, ...</c> bound to the keys, for an IN list.</summary>
    public static string InList(DbCommand command, IReadOnlyList<string> keys) => string.Join(", ", Bind(command, keys));

    /// <summary><c>(@p0), (@p1), ...</c> bound to the keys: rows for <c>FROM (VALUES ...)</c>, whose column is <c>column1</c> in SQLite and PostgreSQL.</summary>
    public static string ValuesList(DbCommand command, IReadOnlyList<string> keys) => string.Join(", ", Bind(command, keys).Select(name => $"({name})"));

    private static string[] Bind(DbCommand command, IReadOnlyList<string> keys)
    {
        var names = new string[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = names[i] = "@p" + i;
            parameter.Value = keys[i];
            command.Parameters.Add(parameter);
        }
        return names;
    }

    private async Task LoopAsync()
    {
        var reader = _waiting.Reader;
        var batch = new List<(string Key, TaskCompletionSource<TResult?> Done)>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxKeysPerQuery && reader.TryRead(out var request))
                batch.Add(request);
            try
            {
                if (_connection is null)
                {
                    _connection = _open();
                    _connection.Open();
                }
                using var command = _connection.CreateCommand();
                var found = _query(command, [.. batch.Select(b => b.Key).Distinct(StringComparer.Ordinal)]);
                foreach (var (key, done) in batch)
                    done.TrySetResult(found.TryGetValue(key, out var value) ? value : default);
            }
            catch (Exception ex)
            {
                // The connection may be broken: the next batch opens a new one.
                foreach (var (_, done) in batch)
                    done.TrySetException(ex);
                _connection?.Dispose();
                _connection = null;
            }
        }
        _connection?.Dispose();
    }

    public void Dispose()
    {
        _waiting.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }
}
