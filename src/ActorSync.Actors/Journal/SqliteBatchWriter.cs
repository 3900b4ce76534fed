using System.Data.Common;
using Akka.Persistence.Sql.Config;
using Microsoft.Data.Sqlite;

namespace ActorSync.Actors.Journal;

/// <summary>
/// One SQLite connection with prepared INSERTs for journal rows and tag rows, named from the
/// journal's table mapping. Used by the writer loop only.
/// </summary>
internal sealed class SqliteBatchWriter(JournalConfig config, int walAutoCheckpointPages) : BatchWriter
{
    private SqliteConnection? _connection;
    private SqliteCommand? _insertEvent;
    private SqliteCommand? _insertTag;
    // Parameters by position, resolved once: looking them up by name per row is a linear search.
    private SqliteParameter[] _event = [];
    private SqliteParameter[] _tag = [];
    private bool _hasTagsColumn;
    private bool _hasWriterColumn;

    // SQLITE_CONSTRAINT
    protected override bool IsConstraintViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: 19 };

    protected override void WriteTransaction(IReadOnlyList<PendingWrite> writes)
    {
        Open();
        using var transaction = _connection!.BeginTransaction();
        _insertEvent!.Transaction = transaction;
        _insertTag!.Transaction = transaction;
        var e = _event;
        var t = _tag;
        foreach (var write in writes)
        {
            foreach (var row in write.Rows)
            {
                e[0].Value = row.Timestamp;
                e[1].Value = row.PersistenceId;
                e[2].Value = row.SequenceNumber;
                e[3].Value = row.Message;
                e[4].Value = row.Manifest;
                e[5].Value = (object?)row.Identifier ?? DBNull.Value;
                if (_hasTagsColumn)
                    e[6].Value = row.Tags ?? "";
                if (_hasWriterColumn)
                    e[^1].Value = (object?)row.WriterUuid ?? DBNull.Value;
                _insertEvent.ExecuteNonQuery();
                // The ordering column is the rowid: read it from the connection instead of a RETURNING result set.
                var ordering = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
                foreach (var tag in row.TagArray)
                {
                    t[0].Value = ordering;
                    t[1].Value = tag;
                    t[2].Value = row.PersistenceId;
                    t[3].Value = row.SequenceNumber;
                    _insertTag.ExecuteNonQuery();
                }
            }
        }
        transaction.Commit();
    }

    private void Open()
    {
        if (_connection is not null)
            return;
        _connection = new SqliteConnection(config.ConnectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // Checkpoints add fsyncs of their own; fewer, larger ones cost less under load.
            // Another writer on the file (sharding's journal, the snapshot store) makes BEGIN busy:
            // SQLite's own busy handler retries within milliseconds, where the driver would sleep 150 ms.
            pragma.CommandText = $"PRAGMA wal_autocheckpoint={walAutoCheckpointPages}; PRAGMA busy_timeout=10000;";
            pragma.ExecuteNonQuery();
        }

        var table = config.TableConfig.EventJournalTable;
        var c = table.ColumnNames;
        var columns = new List<string> { c.Created, c.Deleted, c.PersistenceId, c.SequenceNumber, c.Message, c.Manifest, c.Identifier };
        var values = new List<string> { "$created", "0", "$pid", "$seq", "$message", "$manifest", "$identifier" };
        // The tags column exists only where tags are written as text (Csv or Both); TagTable keeps them in the tag table alone.
        _hasTagsColumn = config.PluginConfig.TagMode != TagMode.TagTable;
        _hasWriterColumn = table.UseWriterUuidColumn;
        if (_hasTagsColumn)
        {
            columns.Add(c.Tags);
            values.Add("$tags");
        }
        if (_hasWriterColumn)
        {
            columns.Add(c.WriterUuid);
            values.Add("$writer");
        }
        _insertEvent = _connection.CreateCommand();
        _insertEvent.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", values)})";
        _event = [.. values.Where(v => v.StartsWith('$')).Select(name => _insertEvent.Parameters.Add(new SqliteParameter { ParameterName = name }))];
        _insertEvent.Prepare();

        var tags = config.TableConfig.TagTable;
        var tc = tags.ColumnNames;
        _insertTag = _connection.CreateCommand();
        _insertTag.CommandText = $"INSERT INTO {Quote(tags.Name)} ({Quote(tc.OrderingId)}, {Quote(tc.Tag)}, {Quote(tc.PersistenceId)}, {Quote(tc.SequenceNumber)}) VALUES ($ordering, $tag, $pid, $seq)";
        _tag = [.. new[] { "$ordering", "$tag", "$pid", "$seq" }.Select(name => _insertTag.Parameters.Add(new SqliteParameter { ParameterName = name }))];
        _insertTag.Prepare();
    }

    public override void Dispose()
    {
        _insertEvent?.Dispose();
        _insertTag?.Dispose();
        _connection?.Dispose();
        _insertEvent = null;
        _insertTag = null;
        _connection = null;
    }
}
