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

    public IReadOnlyCollection<string> StoredMany2ones(string model) =>
        Find(model)?.Fields.Where(f => f.Type == FieldType.Many2one && f.Stored).Select(f => f.Name).ToList() ?? [];
}
