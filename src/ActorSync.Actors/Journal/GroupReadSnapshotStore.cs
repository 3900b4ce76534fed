using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Snapshot;

namespace ActorSync.Actors.Journal;

/// <summary>
/// Akka.Persistence.Sql's snapshot store, with the latest-snapshot reads of recovery answered in
/// batches (<see cref="BatchedLookup{TResult}"/>). Rows are turned into snapshots by the library's
/// own serializer; saves, deletes and other criteria stay the library's.
/// </summary>
public sealed class GroupReadSnapshotStore : SqlSnapshotStore
{
    private readonly ByteArrayLongSnapshotSerializer _rows;
    private readonly BatchedLookup<LongSnapshotRow>? _latest;

    public GroupReadSnapshotStore(Config config) : base(config)
    {
        var settings = new SnapshotConfig(config.WithFallback(SqlPersistence.DefaultSnapshotConfiguration));
        _rows = new ByteArrayLongSnapshotSerializer(Context.System.Serialization, settings);
        if (BatchedLookup<LongSnapshotRow>.ConnectionFor(settings.ProviderName, settings.ConnectionString) is { } open)
            _latest = new BatchedLookup<LongSnapshotRow>("snapshot-recovery-reads", open, (command, ids) => Latest(command, ids, settings.TableConfig));
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        if (_latest is null || criteria.MaxSequenceNr != long.MaxValue || criteria.MaxTimeStamp != DateTime.MaxValue || criteria.MinSequenceNr != 0)
            return await base.LoadAsync(persistenceId, criteria, cancellationToken);
        return await _latest.GetAsync(persistenceId) is { } row ? _rows.Deserialize(row).Get() : null;
    }

    private static Dictionary<string, LongSnapshotRow> Latest(System.Data.Common.DbCommand command, IReadOnlyList<string> ids, SnapshotTableConfiguration tables)
    {
        var table = tables.SnapshotTable;
        var c = table.ColumnNames;
        var name = BatchWriter.Table(tables.SchemaName, table.Name);
        command.CommandText = $"SELECT {BatchWriter.Quote(c.PersistenceId)}, {BatchWriter.Quote(c.SequenceNumber)}, {BatchWriter.Quote(c.Created)}, {BatchWriter.Quote(c.Snapshot)}, {BatchWriter.Quote(c.Manifest)}, {BatchWriter.Quote(c.SerializerId)} "
            + $"FROM {name} WHERE {BatchWriter.Quote(c.PersistenceId)} IN ({BatchedLookup<LongSnapshotRow>.InList(command, ids)})";
        var latest = new Dictionary<string, LongSnapshotRow>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new LongSnapshotRow
            {
                PersistenceId = reader.GetString(0),
                SequenceNumber = reader.GetInt64(1),
                Created = reader.GetInt64(2),
                Payload = (byte[])reader.GetValue(3),
                Manifest = reader.IsDBNull(4) ? "" : reader.GetString(4),
                SerializerId = reader.IsDBNull(5) ? null : reader.GetInt32(5),
            };
            if (!latest.TryGetValue(row.PersistenceId, out var kept) || kept.SequenceNumber < row.SequenceNumber)
                latest[row.PersistenceId] = row;
        }
        return latest;
    }

    protected override void PostStop()
    {
        _latest?.Dispose();
        base.PostStop();
    }
}
