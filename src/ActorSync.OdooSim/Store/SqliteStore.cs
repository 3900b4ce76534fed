using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using Microsoft.Data.Sqlite;

namespace ActorSync.OdooSim.Store;

/// <summary>
/// Keeps the records in a SQLite file, one JSON document per row, written at the end of every
/// successful call, so a simulator process that is restarted finds its data (and id sequences) again.
/// </summary>
internal sealed class SqliteStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Registry _registry;

    public SqliteStore(string path, Registry registry)
    {
        _registry = registry;
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL");
        Execute("CREATE TABLE IF NOT EXISTS records (model TEXT NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (model, id))");
        Execute("CREATE TABLE IF NOT EXISTS sequences (model TEXT PRIMARY KEY, next_id INTEGER NOT NULL)");
    }

    /// <summary>Loads the file into the database; false when the file holds nothing yet.</summary>
    public bool Load(Database db)
    {
        using var count = Command("SELECT COUNT(*) FROM records");
        if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return false;
        using (var select = Command("SELECT model, id, data FROM records ORDER BY model, id"))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var model = _registry.Find(reader.GetString(0));
                if (model is null) continue;
                var row = new Row(model.Name, reader.GetInt32(1));
                foreach (var (name, value) in JsonNode.Parse(reader.GetString(2))!.AsObject())
                    if (model.Fields[name] is { } field) row.Values[name] = Decode(field, value);
                db.Table(model.Name).Add(row);
            }
        }
        using var sequences = Command("SELECT model, next_id FROM sequences");
        using var rows = sequences.ExecuteReader();
        while (rows.Read()) db.Table(rows.GetString(0)).NextId = rows.GetInt32(1);
        return true;
    }

    public void Save(Database db, IReadOnlyCollection<(string Model, int Id)> touched)
    {
        if (touched.Count == 0) return;
        using var transaction = _connection.BeginTransaction();
        foreach (var (model, id) in touched)
        {
            var row = db.Table(model).Get(id);
            using var command = Command(row is null
                ? "DELETE FROM records WHERE model = $model AND id = $id"
                : "INSERT OR REPLACE INTO records (model, id, data) VALUES ($model, $id, $data)");
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$model", model);
            command.Parameters.AddWithValue("$id", id);
            if (row is not null) command.Parameters.AddWithValue("$data", Encode(row).ToJsonString());
            command.ExecuteNonQuery();
        }
        foreach (var model in touched.Select(t => t.Model).Distinct())
        {
            using var command = Command("INSERT OR REPLACE INTO sequences (model, next_id) VALUES ($model, $next)");
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$model", model);
            command.Parameters.AddWithValue("$next", db.Table(model).NextId);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static JsonObject Encode(Row row)
    {
        var data = new JsonObject();
        foreach (var (name, value) in row.Values)
        {
            data[name] = value switch
            {
                string s => s,
                long l => l,
                double d => d,
                bool b => b,
                int i => i,
                List<int> ids => new JsonArray([.. ids.Select(id => (JsonNode)id)]),
                JsonNode node => node.DeepClone(),
                _ => null,
            };
        }
        return data;
    }

    private static object? Decode(FieldDef field, JsonNode? value) => field.Type switch
    {
        _ when value is null => null,
        FieldType.Integer => JsonNum.TryDouble(value, out var l) ? (long)l : 0L,
        FieldType.Float or FieldType.Monetary => JsonNum.TryDouble(value, out var d) ? d : 0.0,
        FieldType.Boolean => value.GetValue<bool>(),
        FieldType.Many2one => JsonNum.Int(value),
        FieldType.Many2many => JsonNum.Ints(value).ToList(),
        FieldType.Json => value.DeepClone(),
        _ => value.GetValue<string>(),
    };

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
