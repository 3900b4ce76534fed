namespace ActorSync.OdooSim.Orm;

/// <summary>The installed models by name.</summary>
internal sealed class Registry
{
    private readonly Dictionary<string, Model> _models = [];

    public Registry(IEnumerable<Model> models)
    {
        foreach (var model in models) _models.Add(model.Name, model);
    }

    public IEnumerable<Model> Models => _models.Values;
    public Model? Find(string name) => _models.GetValueOrDefault(name);
    public Model this[string name] => _models[name];

    /// <summary>The fields a model's table indexes by value: its stored many2ones and those it is looked up by.</summary>
    public IReadOnlyCollection<string> IndexedFields(string model) =>
        Find(model) is { } found ? [.. found.Fields.Where(f => f.Type == FieldType.Many2one && f.Stored).Select(f => f.Name), .. found.LookedUpBy] : [];
}
