using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>A parameter of a public method, as in its Python signature (after self).</summary>
internal sealed record Param(string Name, bool Required = false);

internal delegate Outcome MethodBody(Env env, Model model, CallArgs call);

/// <summary>A public model method. ModelLevel ones are Odoo's @api.model methods: no ids.</summary>
internal sealed record MethodDef(string Name, bool ModelLevel, IReadOnlyList<Param> Params, MethodBody Body, string Owner = "BaseModel");

/// <summary>A method's return value; <see cref="None"/> is Python's None (no "result" key in JSON-RPC).</summary>
internal readonly record struct Outcome(JsonNode? Value, bool IsNone)
{
    public static Outcome None => new(null, true);
    public static implicit operator Outcome(JsonNode? value) => new(value, false);
    public static implicit operator Outcome(bool value) => new(JsonValue.Create(value), false);
}

/// <summary>The bound arguments of one call: the ids (record methods) and the named parameters.</summary>
internal sealed class CallArgs(IReadOnlyList<int> ids, IReadOnlyDictionary<string, JsonNode?> named)
{
    public IReadOnlyList<int> Ids { get; } = ids;
    public JsonNode? this[string name] => named.GetValueOrDefault(name);
    public bool Has(string name) => named.ContainsKey(name);

    /// <summary>The rows behind the ids; like a read, ids of other companies are refused and missing ones dropped.</summary>
    public IReadOnlyList<Row> Rows(Env env, Model model) => Access.Browse(env, model, Ids, "read");
}
