namespace ActorSync.OdooSim.Store;

/// <summary>
/// The rows of one model, by id, with a reverse index on its many2one fields so one2many reads
/// and "who points at me" checks do not scan the whole table.
/// </summary>
internal sealed class Table(string model, IReadOnlyCollection<string> many2oneFields)
{
    private readonly SortedDictionary<int, Row> _rows = [];
    private readonly Dictionary<string, Dictionary<int, SortedSet<int>>> _refs =
        many2oneFields.ToDictionary(f => f, _ => new Dictionary<int, SortedSet<int>>());

    public string Model { get; } = model;

    /// <summary>Like a PostgreSQL sequence: never rolled back, so a failed create still uses an id.</summary>
    public int NextId { get; set; } = 1;

    public int Count => _rows.Count;
    public IEnumerable<Row> Rows => _rows.Values;
    public Row? Get(int id) => _rows.GetValueOrDefault(id);

    public IEnumerable<Row> Referencing(string field, int target) =>
        _refs.TryGetValue(field, out var index) && index.TryGetValue(target, out var ids)
            ? ids.Select(id => _rows[id]).ToList()
            : [];

    public int AllocateId() => NextId++;

    public void Add(Row row)
    {
        _rows.Add(row.Id, row);
        foreach (var (field, index) in _refs)
            if (row[field] is int target)
                Link(index, target, row.Id);
    }

    public void Remove(Row row)
    {
        _rows.Remove(row.Id);
        foreach (var (field, index) in _refs)
            if (row[field] is int target)
                Unlink(index, target, row.Id);
    }

    public void Assign(Row row, string field, object? value)
    {
        if (_rows.ContainsKey(row.Id) && _refs.TryGetValue(field, out var index))
        {
            if (row[field] is int old) Unlink(index, old, row.Id);
            if (value is int target) Link(index, target, row.Id);
        }
        if (value is null) row.Values.Remove(field);
        else row.Values[field] = value;
    }

    private static void Link(Dictionary<int, SortedSet<int>> index, int target, int id)
    {
        if (!index.TryGetValue(target, out var ids)) index[target] = ids = [];
        ids.Add(id);
    }

    private static void Unlink(Dictionary<int, SortedSet<int>> index, int target, int id)
    {
        if (index.TryGetValue(target, out var ids)) ids.Remove(id);
    }
}
