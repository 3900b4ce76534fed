using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>
/// One Odoo model: its fields, its public methods beyond the common ones, and the hooks where its
/// business rules run. Hooks run inside the call's transaction; throwing an <see cref="OdooError"/>
/// undoes the whole call.
/// </summary>
internal abstract class Model
{
    protected Model(string name, string description, string order = "id")
    {
        Name = name;
        Description = description;
        Order = order;
        Fields.Computed(FieldType.Integer, "id", "ID", (_, row) => (long)row.Id);
        Fields.Computed(FieldType.Char, "display_name", "Display Name", DisplayName);
        Fields.Datetime("create_date", "Created on").Readonly = true;
        Fields.Datetime("write_date", "Last Updated on").Readonly = true;
    }

    public string Name { get; }
    public string Description { get; }
    /// <summary>Odoo's _order, used when a search gives none.</summary>
    public string Order { get; }
    public FieldSet Fields { get; } = new();
    public Dictionary<string, MethodDef> Methods { get; } = [];

    /// <summary>The Python class name Odoo puts in TypeError messages ("AccountMove").</summary>
    public string ClassName => string.Concat(Name.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Declares a public record method (called with ids) taking no other argument.</summary>
    protected void Action(string name, Func<Env, IReadOnlyList<Row>, Outcome> body) =>
        Methods[name] = new MethodDef(name, ModelLevel: false, [], (env, _, call) => body(env, call.Rows(env, this)), ClassName);

    /// <summary>Fills defaults and derived values before the row is inserted (x2many commands run after).</summary>
    public virtual void Defaults(Env env, Dictionary<string, object?> values, JsonObject vals) { }

    /// <summary>After insert and x2many commands: create dependent records, compute totals.</summary>
    public virtual void Created(Env env, Row row, JsonObject vals) { }

    public virtual void Writing(Env env, IReadOnlyList<Row> rows, JsonObject vals) { }
    public virtual void Written(Env env, IReadOnlyList<Row> rows, JsonObject vals) { }
    public virtual void Unlinking(Env env, IReadOnlyList<Row> rows) { }

    /// <summary>Constraints checked after every create and write (Odoo's @api.constrains).</summary>
    public virtual void Check(Env env, Row row) { }

    /// <summary>Fields (besides many2ones) whose values find rows through an index rather than a scan.</summary>
    public virtual IReadOnlyCollection<string> LookedUpBy => [];

    public virtual string DisplayName(Env env, Row row) => row.Str("name") ?? "";

    public virtual OdooError MissingRequired(FieldDef field) => OdooError.MandatoryField(Description, Name, field.Label, field.Name);

    /// <summary>The companies a row belongs to; none means shared by all companies.</summary>
    public virtual IReadOnlyList<int> CompaniesOf(Row row) =>
        Fields.Has("company_id") && row.Ref("company_id") is int company ? [company] : [];

    public bool IsCompanyBound => Fields.Has("company_id") || Fields.Has("company_ids");
}
