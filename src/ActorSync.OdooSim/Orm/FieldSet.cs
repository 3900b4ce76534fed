using System.Collections;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>A model's fields in declaration order, with one short builder method per field type.</summary>
internal sealed class FieldSet : IEnumerable<FieldDef>
{
    private readonly List<FieldDef> _order = [];
    private readonly Dictionary<string, FieldDef> _byName = [];

    public FieldDef? this[string name] => _byName.GetValueOrDefault(name);
    public bool Has(string name) => _byName.ContainsKey(name);

    public FieldDef Add(FieldDef field)
    {
        if (_byName.TryGetValue(field.Name, out var old)) _order.Remove(old);
        _order.Add(field);
        _byName[field.Name] = field;
        return field;
    }

    public FieldDef Char(string name, string label, bool required = false) => Add(new() { Name = name, Type = FieldType.Char, Label = label, Required = required });
    public FieldDef Text(string name, string label) => Add(new() { Name = name, Type = FieldType.Text, Label = label });
    public FieldDef Html(string name, string label) => Add(new() { Name = name, Type = FieldType.Html, Label = label });
    public FieldDef Integer(string name, string label) => Add(new() { Name = name, Type = FieldType.Integer, Label = label });
    public FieldDef Float(string name, string label) => Add(new() { Name = name, Type = FieldType.Float, Label = label });
    public FieldDef Monetary(string name, string label) => Add(new() { Name = name, Type = FieldType.Monetary, Label = label });
    public FieldDef Boolean(string name, string label) => Add(new() { Name = name, Type = FieldType.Boolean, Label = label });
    public FieldDef Date(string name, string label, bool required = false) => Add(new() { Name = name, Type = FieldType.Date, Label = label, Required = required });
    public FieldDef Datetime(string name, string label) => Add(new() { Name = name, Type = FieldType.Datetime, Label = label });
    public FieldDef Json(string name, string label) => Add(new() { Name = name, Type = FieldType.Json, Label = label });

    public FieldDef Selection(string name, string label, IReadOnlyList<string> values, string? @default = null, bool required = false) =>
        Add(new() { Name = name, Type = FieldType.Selection, Label = label, Selection = values, Required = required, Default = @default is null ? null : _ => @default });

    public FieldDef Many2one(string name, string label, string comodel, bool required = false, bool checkCompany = false, OnDelete? onDelete = null) =>
        Add(new()
        {
            Name = name, Type = FieldType.Many2one, Label = label, Comodel = comodel, Required = required, CheckCompany = checkCompany,
            OnDelete = onDelete ?? (required ? OnDelete.Restrict : OnDelete.SetNull),
        });

    public FieldDef One2many(string name, string label, string comodel, string inverse, Func<Row, bool>? filter = null) =>
        Add(new() { Name = name, Type = FieldType.One2many, Label = label, Comodel = comodel, Inverse = inverse, InverseFilter = filter });

    public FieldDef Many2many(string name, string label, string comodel, bool checkCompany = false) =>
        Add(new() { Name = name, Type = FieldType.Many2many, Label = label, Comodel = comodel, CheckCompany = checkCompany });

    /// <summary>A read-only field computed on read (and usable in domains and orders).</summary>
    public FieldDef Computed(FieldType type, string name, string label, Func<Env, Row, object?> compute, string? comodel = null) =>
        Add(new() { Name = name, Type = type, Label = label, Compute = compute, Comodel = comodel, Readonly = true });

    public IEnumerator<FieldDef> GetEnumerator() => _order.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
