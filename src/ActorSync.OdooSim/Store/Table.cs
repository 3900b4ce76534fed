namespace ActorSync.OdooSim.Store;

/// <summary>
/// The rows of one model, by id, with an index by value on its many2one fields (one2many reads and
/// "who points at me" checks) and on the fields its model looks rows up by (external ids by name),
/// so those do not scan the whole table — as PostgreSQL's indexes spare Odoo.
/// </summary>
internal sealed class Table(string model, IReadOnlyCollection<string> indexedFields)
{
    private readonly SortedDictionary<int, Row> _rows = [];
    private readonly Dictionary<string, Dictionary<object, SortedSet<int>>> _refs =
        indexedFields.ToDictionary(f => f, _ => new Dictionary<object, SortedSet<int>>());

    public string Model { get; } = model;

    /// <summary>Like a PostgreSQL sequence: never rolled back, so a failed create still uses an id.</summary>
    public int NextId { get; set; } = 1;

    public int Count => _rows.Count;
    public IEnumerable<Row> Rows => _rows.Values;
    public Row? Get(int id) => _rows.GetValueOrDefault(id);

    /// <summary>
    /// The rows whose indexed field holds the value (a many2one's target id, or a looked-up value).
    /// A field without an index is a mistake, not "no rows": it would find nothing, silently.
    /// </summary>
    public IEnumerable<Row> Having(string field, object value)
    {
        if (!_refs.TryGetValue(field, out var index))
            throw new InvalidOperationException($"{Model}.{field} has no index: a many2one is indexed when stored, other fields when the model lists them in LookedUpBy");
        return index.TryGetValue(value, out var ids) ? ids.Select(id => _rows[id]).ToList() : [];
    }

    public int AllocateId() => NextId++;

    public void Add(Row row)
    {
        _rows.Add(row.Id, row);
        foreach (var (field, index) in _refs)
            if (row[field] is { } value)
                Link(index, value, row.Id);
    }

    public void Remove(Row row)
    {
        _rows.Remove(row.Id);
        foreach (var (field, index) in _refs)
            if (row[field] is { } value)
                Unlink(index, value, row.Id);
    }

    public void Assign(Row row, string field, object? value)
    {
        if (_rows.ContainsKey(row.Id) && _refs.TryGetValue(field, out var index))
        {
            if (row[field] is { } old) Unlink(index, old, row.Id);
            if (value is not null) Link(index, value, row.Id);
        }
        if (value is null) row.Values.Remove(field);
        else row.Values[field] = value;
    }

    private static void Link(Dictionary<object, SortedSet<int>> index, object target, int id)
    {
        if (!index.TryGetValue(target, out var ids)) index[target] = ids = [];
        ids.Add(id);
    }

    private static void Unlink(Dictionary<object, SortedSet<int>> index, object target, int id)
    {
        if (index.TryGetValue(target, out var ids)) ids.Remove(id);
    }
}
