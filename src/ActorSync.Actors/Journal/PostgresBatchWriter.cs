using System.Data.Common;
using System.Text;
using Akka.Persistence.Sql.Config;
using Npgsql;
using NpgsqlTypes;

namespace ActorSync.Actors.Journal;

/// <summary>
/// One PostgreSQL connection; a group becomes multi-row INSERTs in one transaction (one statement
/// for up to 1,000 rows, which needs none). Tags are
/// written as the CSV column (tag-write-mode = Csv): a tag table would need each row's ordering back.
/// </summary>
internal sealed class PostgresBatchWriter : BatchWriter
{
    // PostgreSQL allows 65,535 parameters a statement.
    private const int RowsPerStatement = 1000;

    private readonly JournalConfig _config;
    private NpgsqlConnection? _connection;
    private string _insertPrefix = "";
    private bool _hasWriterColumn;

    public PostgresBatchWriter(JournalConfig config)
    {
        // Checked when the journal starts, not at the first write.
        if (config.PluginConfig.TagMode != TagMode.Csv)
            throw new NotSupportedException("PostgresGroupCommitJournal writes tags as a CSV column: set tag-write-mode = Csv (and tag-read-mode = Csv for queries).");
        _config = config;
    }

    // unique_violation
    protected override bool IsConstraintViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override void WriteTransaction(IReadOnlyList<PendingWrite> writes)
    {
        Open();
        var chunks = writes.SelectMany(w => w.Rows).Chunk(RowsPerStatement).ToList();
        // One statement is atomic on its own: without BEGIN/COMMIT it is one round trip, not two.
        using var transaction = chunks.Count > 1 ? _connection!.BeginTransaction() : null;
        foreach (var chunk in chunks)
        {
            using var insert = new NpgsqlCommand(InsertText(chunk.Length), _connection, transaction);
            foreach (var row in chunk)
            {
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Timestamp });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.PersistenceId });
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.SequenceNumber });
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = row.Message });
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)row.Manifest ?? DBNull.Value });
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)row.Identifier ?? DBNull.Value });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Tags ?? "" });
                if (_hasWriterColumn)
                    insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)row.WriterUuid ?? DBNull.Value });
            }
            insert.ExecuteNonQuery();
        }
        transaction?.Commit();
    }

    private string InsertText(int rows)
    {
        var columns = _hasWriterColumn ? 8 : 7;
        var text = new StringBuilder(_insertPrefix, _insertPrefix.Length + rows * columns * 6);
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                // The deleted flag is always false for a new event: a literal, not a parameter.
                if (c == 1)
                    text.Append("false, ");
                text.Append('$').Append(r * columns + c + 1).Append(c == columns - 1 ? ")" : ", ");
            }
        }
        return text.ToString();
    }

    private void Open()
    {
        if (_connection is not null)
            return;
        var table = _config.TableConfig.EventJournalTable;
        var c = table.ColumnNames;
        _hasWriterColumn = table.UseWriterUuidColumn;
        var columns = new List<string> { c.Created, c.Deleted, c.PersistenceId, c.SequenceNumber, c.Message, c.Manifest, c.Identifier, c.Tags };
        if (_hasWriterColumn)
            columns.Add(c.WriterUuid);
        _insertPrefix = $"INSERT INTO {Table(_config.TableConfig.SchemaName, table.Name)} ({string.Join(", ", columns.Select(Quote))}) VALUES ";
        _connection = new NpgsqlConnection(_config.ConnectionString);
        _connection.Open();
    }

    public override void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
