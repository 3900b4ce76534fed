using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;

namespace ActorSync.OdooSim.Runtime;

/// <summary>
/// Binds a call's arguments to a method signature. JSON-RPC has Python's positional + keyword
/// rules (errors are TypeErrors); JSON-2 has named arguments only (errors are 422s, as Odoo's
/// signature.bind raises them: missing arguments before unexpected ones).
/// </summary>
internal static class Binder
{
    public static CallArgs Positional(Model model, MethodDef method, JsonArray args, JsonObject kwargs)
    {
        var positional = args.ToList();
        // Odoo's call_kw reads args[0] of create to decide between one id and a list: keywords only fail.
        if (method.Name == "create" && positional.Count == 0) throw new OdooError("builtins.IndexError", "list index out of range", 500);
        IReadOnlyList<int> ids = [];
        if (!method.ModelLevel)
        {
            if (positional.Count == 0) throw new OdooError("builtins.IndexError", "list index out of range", 500);
            ids = Ids(model, positional[0]);
            positional.RemoveAt(0);
        }
        var signature = $"{method.Owner}.{method.Name}()";
        if (positional.Count > method.Params.Count)
        {
            var required = method.Params.Count(p => p.Required) + 1;
            var total = method.Params.Count + 1;
            var takes = required == total ? $"{total}" : $"from {required} to {total}";
            throw OdooError.TypeError($"{signature} takes {takes} positional arguments but {positional.Count + 1} were given");
        }
        var named = new Dictionary<string, JsonNode?>();
        for (var i = 0; i < positional.Count; i++) named[method.Params[i].Name] = positional[i];
        foreach (var (key, value) in kwargs)
        {
            if (key == "context") continue;
            if (method.Params.All(p => p.Name != key)) throw OdooError.TypeError($"{signature} got an unexpected keyword argument '{key}'");
            if (!named.TryAdd(key, value)) throw OdooError.TypeError($"{signature} got multiple values for argument '{key}'");
        }
        var missing = method.Params.Where(p => p.Required && !named.ContainsKey(p.Name)).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(" and ", missing.Select(p => $"'{p.Name}'"));
            throw OdooError.TypeError($"{signature} missing {missing.Count} required positional argument{(missing.Count > 1 ? "s" : "")}: {names}");
        }
        return new CallArgs(ids, named);
    }

    public static CallArgs Named(Model model, MethodDef method, JsonObject body)
    {
        var ids = Ids(model, body["ids"]);
        if (method.ModelLevel && ids.Count > 0) throw OdooError.Unprocessable($"cannot call {model.Name}.{method.Name} with ids");
        var named = body.Where(p => p.Key is not ("ids" or "context")).ToDictionary(p => p.Key, p => p.Value);
        foreach (var param in method.Params)
            if (param.Required && !named.ContainsKey(param.Name))
                throw OdooError.Unprocessable($"missing a required argument: '{param.Name}'");
        foreach (var key in named.Keys)
            if (method.Params.All(p => p.Name != key))
                throw OdooError.Unprocessable($"got an unexpected keyword argument '{key}'");
        return new CallArgs(ids, named);
    }

    /// <summary>Ids as PostgreSQL sees them: a non-integer is its "invalid input syntax" error.</summary>
    private static IReadOnlyList<int> Ids(Model model, JsonNode? node)
    {
        if (ValueCodec.IsFalse(node)) return [];
        var items = node is JsonArray array ? array.ToList() : [node];
        var ids = new List<int>();
        foreach (var item in items)
        {
            if (!JsonNum.TryInt(item, out var id))
                throw OdooError.InvalidId(model.Name.Replace('.', '_'), item is null ? "None" : ValueCodec.Text(item));
            ids.Add(id);
        }
        return ids;
    }
}
