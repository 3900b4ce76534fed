namespace ActorSync.OdooSim.Store;

/// <summary>
/// One call's unit of work, as in Odoo where each RPC call is one database transaction: every change
/// is logged so that a failing call leaves nothing behind. Ids are not given back (PostgreSQL
/// sequences are not transactional either).
/// </summary>
internal sealed class Transaction(Database db)
{
    private readonly List<Action> _undo = [];
    private readonly HashSet<(string Model, int Id)> _touched = [];

    public IReadOnlyCollection<(string Model, int Id)> Touched => _touched;

    public Row Insert(string model, IReadOnlyDictionary<string, object?> values)
    {
        var table = db.Table(model);
        var row = new Row(model, table.AllocateId());
        foreach (var (field, value) in values)
            if (value is not null) row.Values[field] = value;
        table.Add(row);
        _undo.Add(() => table.Remove(row));
        _touched.Add((model, row.Id));
        return row;
    }

    public void Set(Row row, string field, object? value)
    {
        var old = row[field];
        if (Equals(old, value)) return;
        var table = db.Table(row.Model);
        table.Assign(row, field, value);
        _undo.Add(() => table.Assign(row, field, old));
        _touched.Add((row.Model, row.Id));
    }

    public void Delete(Row row)
    {
        var table = db.Table(row.Model);
        if (table.Get(row.Id) is null) return;
        table.Remove(row);
        _undo.Add(() => table.Add(row));
        _touched.Add((row.Model, row.Id));
    }

    public void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--) _undo[i]();
        _undo.Clear();
        _touched.Clear();
    }
}
