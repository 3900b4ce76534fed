using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ActorSync.Actors.Replay;
using ActorSync.Actors.Serialization;
using ActorSync.Actors.Sinks;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Sinks;

namespace ActorSync.Actors.Projections;

/// <summary>What one run of a projection did.</summary>
public sealed record ProjectionRun(string Projection, bool Rebuilt, int Streams, long EventsRead, long RowsWritten, TimeSpan Elapsed);

/// <summary>Progress of a run, after each batch: events read and rows written so far, streams done.</summary>
public sealed record ProjectionProgress(long EventsRead, long RowsWritten, int StreamsDone, int Streams);

/// <summary>
/// The <c>postings</c> projection: the posting ledger (<see cref="PostingLedger"/>) as the table
/// <c>projection_postings</c>, one row per posting with its status, Odoo record and times, fed by
/// every sink's journal (persistence id <c>posting-sink|…</c>, offsets are sequence numbers).
/// Each batch of events is applied with <see cref="PostingLedger.Changes"/> and written as upserts
/// in one transaction with the stream's new offset: a run after a crash or a restart resumes there,
/// and applying an event twice would write the same row anyway.
/// </summary>
public static class PostingsProjection
{
    public const string Name = "postings";
    private const int BatchSize = 500;

    private const string Columns = "posting_key, sink, legal_entity, kind, status, odoo_model, odoo_id, already_in_odoo, queued_at, delivered_at, changed_at, cause, message, approved_by, summarized_into, reposts, posting";

    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS projection_postings (posting_key TEXT PRIMARY KEY, sink TEXT NOT NULL, legal_entity TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, " +
        "odoo_model TEXT NULL, odoo_id BIGINT NULL, already_in_odoo BOOLEAN NOT NULL, queued_at TEXT NOT NULL, delivered_at TEXT NULL, changed_at TEXT NOT NULL, " +
        "cause TEXT NULL, message TEXT NULL, approved_by TEXT NULL, summarized_into TEXT NULL, reposts INTEGER NOT NULL, posting TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS projection_postings_legal_entity ON projection_postings (legal_entity, status)",
    ];

    /// <summary>
    /// Brings the table up to the journal: from the stored offsets, or with <paramref name="rebuild"/>
    /// from zero (rows and offsets dropped first, in one transaction with nothing else).
    /// </summary>
    public static async Task<ProjectionRun> RunAsync(JournalReader journal, bool rebuild, Action<ProjectionProgress>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var store = await ProjectionStore.OpenAsync(journal.Storage, ct);
        foreach (var sql in Schema)
            await store.ExecuteAsync(null, sql, ct);
        if (rebuild)
        {
            await using var tx = await store.BeginExclusiveAsync(Name, ct);
            await store.ExecuteAsync(tx, "DELETE FROM projection_postings", ct);
            await store.ResetOffsetsAsync(tx, Name, ct);
            await tx.CommitAsync(ct);
        }
        var offsets = await store.OffsetsAsync(Name, ct);
        var sinks = SinkEntity.All(journal.Network).Select(k => k.ToString()).ToList();
        long read = 0, written = 0;
        var done = 0;
        foreach (var sink in sinks)
        {
            var stream = SinkEntity.PersistenceId(sink);
            var offset = offsets.GetValueOrDefault(stream);
            var batch = new List<JournalRecord>(BatchSize);
            await foreach (var record in journal.ReadAsync(new JournalQuery(PersistenceId: stream, FromSequenceNr: offset + 1), ct))
            {
                batch.Add(record);
                if (batch.Count < BatchSize)
                    continue;
                if (await ApplyAsync(store, sink, stream, offset, batch, ct) is not { } rows)
                {
                    // Another runner has moved this stream on: it is theirs, not to be tried again here.
                    batch.Clear();
                    break;
                }
                (written, read, offset) = (written + rows, read + batch.Count, batch[^1].SequenceNr);
                batch.Clear();
                progress?.Invoke(new ProjectionProgress(read, written, done, sinks.Count));
            }
            if (batch.Count > 0 && await ApplyAsync(store, sink, stream, offset, batch, ct) is { } last)
                (written, read) = (written + last, read + batch.Count);
            progress?.Invoke(new ProjectionProgress(read, written, ++done, sinks.Count));
        }
        return new ProjectionRun(Name, rebuild, sinks.Count, read, written, watch.Elapsed);
    }

    /// <summary>The read model's rows as ledger entries.</summary>
    public static async Task<IReadOnlyList<LedgerEntry>> ReadAsync(JournalReader journal, CancellationToken ct)
    {
        await using var store = await ProjectionStore.OpenAsync(journal.Storage, ct);
        foreach (var sql in Schema)
            await store.ExecuteAsync(null, sql, ct);
        await using var command = store.Command(null, $"SELECT {Columns} FROM projection_postings ORDER BY posting_key");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(ct))
            entries.Add(Entry(reader));
        return entries;
    }

    /// <summary>
    /// One transaction: the batch's changed rows, then the stream's offset after the batch. Null,
    /// with nothing written, when another runner (a node's, or a command's) has moved the stream's
    /// offset since this one read it: applying the batch again would count its events twice, and
    /// the next run goes on from where the other stopped.
    /// </summary>
    private static async Task<long?> ApplyAsync(ProjectionStore store, string sink, string stream, long offset, IReadOnlyList<JournalRecord> batch, CancellationToken ct)
    {
        await using var tx = await store.BeginExclusiveAsync(Name, ct);
        if (await store.OffsetAsync(tx, Name, stream, ct) != offset)
            return null;
        // The rows the batch touches, read together (a query per 200 keys) so that the lock is held
        // briefly; only rows an event changed are written back.
        var events = batch.Select(r => r.Event).OfType<ISinkEvent>().ToList();
        var rows = (await FindAsync(store, tx, [.. events.SelectMany(KeysOf).Distinct()], ct)).ToDictionary(r => r.Item1, r => r.Item2);
        var changed = new HashSet<PostingKey>();
        foreach (var e in events)
        {
            foreach (var entry in PostingLedger.Changes(rows.GetValueOrDefault, sink, e))
            {
                rows[entry.Posting.Key] = entry;
                changed.Add(entry.Posting.Key);
            }
        }
        foreach (var key in changed)
            await UpsertAsync(store, tx, rows[key], ct);
        await store.SetOffsetAsync(tx, Name, stream, batch[^1].SequenceNr, ct);
        await tx.CommitAsync(ct);
        return changed.Count;
    }

    /// <summary>The postings an event may change (to read their rows first).</summary>
    private static IEnumerable<PostingKey> KeysOf(ISinkEvent e) => e switch
    {
        PostingsQueued queued => queued.Postings.Select(p => p.Posting.Key),
        PostingsSummarized summarized => summarized.Invoices.Append(summarized.Summary.Key),
        PostingsDelivered delivered => delivered.Postings.Select(p => p.Key),
        PostingsReposted reposted => reposted.Postings.Select(p => p.Key),
        PostingParked x => [x.Key],
        PostingApproved x => [x.Key],
        PostingRejected x => [x.Key],
        PostingRetried x => [x.Key],
        PostingDiscarded x => [x.Key],
        _ => [],
    };

    private static async Task<List<(PostingKey, LedgerEntry)>> FindAsync(ProjectionStore store, DbTransaction tx, IReadOnlyList<PostingKey> keys, CancellationToken ct)
    {
        var found = new List<(PostingKey, LedgerEntry)>();
        foreach (var chunk in keys.Chunk(200))
        {
            var names = chunk.Select((_, i) => "@k" + i.ToString(CultureInfo.InvariantCulture));
            await using var command = store.Command(tx, $"SELECT {Columns} FROM projection_postings WHERE posting_key IN ({string.Join(", ", names)})",
                [.. chunk.Select((k, i) => ("k" + i.ToString(CultureInfo.InvariantCulture), (object?)k.Value))]);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var entry = Entry(reader);
                found.Add((entry.Posting.Key, entry));
            }
        }
        return found;
    }

    private static Task UpsertAsync(ProjectionStore store, DbTransaction tx, LedgerEntry e, CancellationToken ct)
    {
        var names = Columns.Split(", ");
        var updates = string.Join(", ", names.Skip(1).Select(n => $"{n} = excluded.{n}"));
        return store.ExecuteAsync(tx, $"INSERT INTO projection_postings ({Columns}) VALUES ({string.Join(", ", names.Select(n => "@" + n))}) ON CONFLICT (posting_key) DO UPDATE SET {updates}", ct,
            ("posting_key", e.Posting.Key.Value), ("sink", e.Sink), ("legal_entity", e.Posting.LegalEntity.Value), ("kind", PostingKinds.Of(e.Posting)), ("status", e.Status.ToString()),
            ("odoo_model", e.OdooModel), ("odoo_id", e.OdooId), ("already_in_odoo", e.AlreadyInOdoo), ("queued_at", Time(e.QueuedAt)), ("delivered_at", e.DeliveredAt is { } d ? Time(d) : null),
            ("changed_at", Time(e.ChangedAt)), ("cause", e.Cause), ("message", e.Message), ("approved_by", e.ApprovedBy), ("summarized_into", e.SummarizedInto?.Value),
            ("reposts", e.Reposts), ("posting", JsonSerializer.Serialize(e.Posting, ActorSyncSerializer.Options)));
    }

    private static LedgerEntry Entry(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var posting = JsonSerializer.Deserialize<Posting>(r.GetString(16), ActorSyncSerializer.Options)!;
        return new LedgerEntry(posting, r.GetString(1), Enum.Parse<PostingStatus>(r.GetString(4)), Parse(r.GetString(8)))
        {
            OdooModel = Text(5),
            OdooId = r.IsDBNull(6) ? null : r.GetInt64(6),
            AlreadyInOdoo = r.GetBoolean(7),
            DeliveredAt = Text(9) is { } delivered ? Parse(delivered) : null,
            ChangedAt = Parse(r.GetString(10)),
            Cause = Text(11),
            Message = Text(12),
            ApprovedBy = Text(13),
            SummarizedInto = Text(14) is { } summary ? new PostingKey(summary) : null,
            Reposts = r.GetInt32(15),
        };
    }

    private static string Time(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
