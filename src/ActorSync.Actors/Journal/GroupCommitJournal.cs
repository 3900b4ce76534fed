using ActorSync.Actors.Telemetry;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Journal.Dao;
using Akka.Persistence.Sql.Journal.Types;

namespace ActorSync.Actors.Journal;

/// <summary>
/// Akka.Persistence.Sql's journal with a group-commit write path: one writer loop takes every
/// write that is waiting, puts them into one transaction and commits; each Persist is acknowledged
/// only after the COMMIT of the transaction that holds its events. Reads, replay, queries, deletes
/// and table creation stay the library's: same tables, same row format.
///
/// Why: the stock write path commits one row per transaction on SQLite (≈ 2% of the file's insert
/// ceiling): its write queue would batch concurrent writes, but Microsoft.Data.Sqlite's async calls
/// complete synchronously, so the queue never sees a write in flight, and parallel writers collide
/// on SQLite's lock and sleep 150 ms in the driver's busy retry. On PostgreSQL it reached ≈ 20% of a
/// plain multi-row INSERT; one multi-row INSERT per group does better (docs/benchmarks.md).
/// </summary>
public abstract class GroupCommitJournal : SqlWriteJournal
{
    private readonly ByteArrayJournalSerializer _serializer;
    private readonly Channel<PendingWrite> _pending;
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private readonly BatchWriter _writer;
    private readonly Task _writerLoop;
    private readonly BatchedLookup<long>? _highest;

    private protected GroupCommitJournal(Config config, Func<JournalConfig, BatchWriter> writer) : base(config)
    {
        var journalConfig = new JournalConfig(config.WithFallback(SqlPersistence.DefaultJournalConfiguration));
        var table = journalConfig.TableConfig.EventJournalTable;
        _serializer = new ByteArrayJournalSerializer(journalConfig, Context.System.Serialization, journalConfig.PluginConfig.TagSeparator,
            table.UseWriterUuidColumn ? Guid.NewGuid().ToString("N") : null);
        // Each entity has at most one write in flight (Persist stashes the next command), so what waits
        // here is bounded by the live entities; past the capacity, writers wait for room.
        _pending = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(Positive(config, "group-commit.queue-capacity", 10_000))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = writer(journalConfig);
        var maxRows = Positive(config, "group-commit.max-rows-per-transaction", 1000);
        // An async loop, not a thread blocked on the channel: a blocking wait spins first, and that
        // spinning cost as much CPU as the writes themselves (measured: 3.7 s of 52 s in bench ingest).
        _writerLoop = Task.Run(() => WriteLoopAsync(maxRows));
        if (BatchedLookup<long>.ConnectionFor(journalConfig.ProviderName, journalConfig.ConnectionString) is { } open)
            _highest = new BatchedLookup<long>("journal-recovery-reads", open, (command, ids) => Highest(command, ids, journalConfig));
    }

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        var persistenceId = writes[0].PersistenceId;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var task = WriteAsync(writes, cancellationToken);
        _inFlight[persistenceId] = task;
        try
        {
            return await task;
        }
        finally
        {
            ActorSyncMetrics.JournalWritten(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            _inFlight.TryRemove(new KeyValuePair<string, Task>(persistenceId, task));
        }
    }

    private async Task<IImmutableList<Exception>> WriteAsync(List<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        var serialized = _serializer.Serialize(writes, DateTime.UtcNow.Ticks);
        var rows = serialized.Where(t => t.Success.HasValue).SelectMany(t => t.Success.Value).ToArray();
        if (rows.Length > 0)
        {
            var write = new PendingWrite(rows);
            await _pending.Writer.WriteAsync(write, cancellationToken);
            await write.Committed.Task;
        }
        // One entry per AtomicWrite: null when written, the exception when it could not be serialized.
        return serialized.Select(t => t.Failure.HasValue ? t.Failure.Value : null!).ToImmutableList();
    }

    /// <summary>
    /// Recovery must not read the highest sequence number while a write of that entity is still on
    /// its way. The read itself is batched with those of other entities starting at the same time;
    /// it is the highest number ever written (the library's native mode; rows are soft-deleted),
    /// and Akka takes the larger of it and a snapshot's.
    /// </summary>
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (_inFlight.TryGetValue(persistenceId, out var write))
            await write.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return _highest is null
            ? await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken)
            : await _highest.GetAsync(persistenceId);
    }

    private static Dictionary<string, long> Highest(System.Data.Common.DbCommand command, IReadOnlyList<string> ids, JournalConfig config)
    {
        var table = config.TableConfig.EventJournalTable;
        var c = table.ColumnNames;
        var name = BatchWriter.Table(config.TableConfig.SchemaName, table.Name);
        var (pid, seq) = (BatchWriter.Quote(c.PersistenceId), BatchWriter.Quote(c.SequenceNumber));
        // One probe of the (persistence id, sequence number) index per id, for its last entry. A
        // GROUP BY over an IN list read every event of each id (thousands for a busy item), and
        // PostgreSQL planned it as a parallel scan, starting worker processes for each query.
        command.CommandText = $"SELECT k.column1, (SELECT MAX({seq}) FROM {name} WHERE {pid} = k.column1) FROM (VALUES {BatchedLookup<long>.ValuesList(command, ids)}) AS k";
        var highest = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(1))
                highest[reader.GetString(0)] = reader.GetInt64(1);
        }
        return highest;
    }

    /// <summary>Lets the writer commit what is queued, then waits for it, so no second writer can start on the same store.</summary>
    protected override void PostStop()
    {
        _highest?.Dispose();
        _pending.Writer.TryComplete();
        if (!_writerLoop.Wait(TimeSpan.FromSeconds(30)))
            Context.GetLogger().Warning("The journal writer did not finish its queued writes within 30 s");
        base.PostStop();
    }

    internal static int Positive(Config config, string key, int fallback)
    {
        var value = config.GetInt(key, fallback);
        return value > 0 ? value : throw new ArgumentException($"{key} = {value} must be a positive number");
    }

    private async Task WriteLoopAsync(int maxRows)
    {
        var reader = _pending.Reader;
        var group = new List<PendingWrite>();
        try
        {
            while (await reader.WaitToReadAsync())
            {
                group.Clear();
                var rows = 0;
                while (rows < maxRows && reader.TryRead(out var write))
                {
                    group.Add(write);
                    rows += write.Rows.Length;
                }
                _writer.Commit(group);
            }
        }
        finally
        {
            _writer.Dispose();
            while (reader.TryRead(out var left))
                left.Committed.TrySetException(new InvalidOperationException("the journal stopped before this write was committed"));
        }
    }
}

/// <summary>Events of one Persist call waiting for the writer; completed after their COMMIT.</summary>
internal sealed record PendingWrite(JournalRow[] Rows)
{
    public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The group-commit journal on the embedded SQLite file.</summary>
public sealed class SqliteGroupCommitJournal(Config config)
    : GroupCommitJournal(config, journal => new SqliteBatchWriter(journal, Positive(config, "group-commit.wal-autocheckpoint", 1000)));

/// <summary>The group-commit journal on PostgreSQL (tags as a CSV column).</summary>
public sealed class PostgresGroupCommitJournal(Config config)
    : GroupCommitJournal(config, journal => new PostgresBatchWriter(journal));
