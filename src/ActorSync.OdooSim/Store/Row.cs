namespace ActorSync.OdooSim.Store;

/// <summary>
/// One stored record. Values hold storage types only: string (char, text, html, selection, date,
/// datetime), long (integer), double (float, monetary), bool, int (many2one id), List&lt;int&gt;
/// (many2many ids) and JsonNode (json). A missing key or null means Odoo's False.
/// Change values only through <see cref="Transaction.Set"/> so a failed call can be undone.
/// </summary>
internal sealed class Row(string model, int id)
{
    public string Model { get; } = model;
    public int Id { get; } = id;
    internal Dictionary<string, object?> Values { get; } = [];

    public object? this[string field] => Values.GetValueOrDefault(field);

    public string? Str(string field) => this[field] as string;
    public int? Ref(string field) => this[field] as int?;
    public bool Bool(string field) => this[field] is true;
    public IReadOnlyList<int> Ids(string field) => this[field] as List<int> ?? [];

    public double Num(string field) => this[field] switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => 0.0,
    };
}
