namespace ActorSync.OdooSim.Store;

/// <summary>All tables of the simulated database. Not thread-safe: the server runs one call at a time on it.</summary>
internal sealed class Database(Func<string, IReadOnlyCollection<string>> indexedFieldsOf)
{
    private readonly Dictionary<string, Table> _tables = [];

    /// <summary>Where each document sequence last stopped: a starting point for the next number, not the truth (a rollback may take numbers back).</summary>
    public Dictionary<string, int> SequenceHints { get; } = [];

    public IEnumerable<Table> Tables => _tables.Values;

    public Table Table(string model)
    {
        if (!_tables.TryGetValue(model, out var table))
            _tables[model] = table = new Table(model, indexedFieldsOf(model));
        return table;
    }

    public Transaction Begin() => new(this);
}
