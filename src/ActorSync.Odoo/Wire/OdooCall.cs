using System.Text.Json.Nodes;

namespace ActorSync.Odoo.Wire;

/// <summary>
/// One ORM call in protocol-neutral form: the model, the method, the records it acts on and its
/// named arguments. JSON-2 sends them as they are; JSON-RPC sends the ids positionally and the
/// rest as keyword arguments of <c>execute_kw</c>.
/// </summary>
public sealed record OdooCall(string Model, string Method)
{
    /// <summary>The records a record-level method acts on; null for model-level methods (create, search…).</summary>
    public IReadOnlyList<long>? Ids { get; init; }

    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Arguments { get; init; } = [];

    /// <summary>The call's context (<c>allowed_company_ids</c> and friends).</summary>
    public JsonObject? Context { get; init; }

    /// <summary>Repeating the call after a lost answer cannot change anything (reads): retries may resend it.</summary>
    public bool SafeToRepeat { get; init; }

    public OdooCall With(string name, JsonNode? value) => this with { Arguments = [.. Arguments, new(name, value)] };

    public override string ToString() => $"{Model}.{Method}";
}
