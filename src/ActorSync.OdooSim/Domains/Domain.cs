using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Domains;

/// <summary>
/// Odoo domains: a prefix-notation list of '&amp;', '|', '!' and [field, operator, value] leaves,
/// implicitly AND-ed. Compiled to a predicate over rows; unknown fields fail as Odoo fails.
/// </summary>
internal static class Domain
{
    private static readonly HashSet<string> Operators =
    [
        "=", "!=", "<", "<=", ">", ">=", "in", "not in", "like", "not like", "ilike", "not ilike",
        "=like", "=ilike", "child_of", "parent_of", "any", "not any",
    ];

    public static Func<Row, bool> Compile(Env env, Model model, JsonNode? domain)
    {
        if (domain is not JsonArray items || items.Count == 0) return _ => true;
        var position = 0;
        var parts = new List<Func<Row, bool>>();
        while (position < items.Count) parts.Add(Next(env, model, items, ref position));
        return row => parts.All(p => p(row));
    }

    /// <summary>Whether a leaf names this field (Odoo then does not add its implicit active filter).</summary>
    public static bool Mentions(JsonNode? domain, string field) =>
        domain is JsonArray items && items.OfType<JsonArray>().Any(leaf => leaf.Count > 0 && leaf[0] is JsonValue v && v.TryGetValue<string>(out var f) && f == field);

    private static Func<Row, bool> Next(Env env, Model model, JsonArray items, ref int position)
    {
        if (position >= items.Count) throw OdooError.ValueError($"Invalid domain {PyRepr.Of(items)}");
        var item = items[position++];
        if (item is JsonValue op && op.TryGetValue<string>(out var logic))
        {
            switch (logic)
            {
                case "!":
                    var inner = Next(env, model, items, ref position);
                    return row => !inner(row);
                case "&" or "|":
                    var left = Next(env, model, items, ref position);
                    var right = Next(env, model, items, ref position);
                    return logic == "&" ? row => left(row) && right(row) : row => left(row) || right(row);
            }
        }
        if (item is not JsonArray { Count: 3 } leaf) throw OdooError.ValueError($"Invalid leaf {PyRepr.Of(item)}");
        return Condition(env, model, leaf);
    }

    private static Func<Row, bool> Condition(Env env, Model model, JsonArray leaf)
    {
        var condition = $"({PyRepr.Of(leaf[0])}, {PyRepr.Of(leaf[1])}, {PyRepr.Of(leaf[2])})";
        if (JsonNum.TryInt(leaf[0], out var constant))
        {
            // Odoo's TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1).
            return _ => constant == 1;
        }
        var path = leaf[0] is JsonValue p && p.TryGetValue<string>(out var s) ? s : throw OdooError.ValueError($"Invalid leaf {condition}");
        var op = (leaf[1] as JsonValue)?.TryGetValue<string>(out var o) == true ? o.ToLowerInvariant() : "";
        op = op switch { "<>" => "!=", "==" => "=", _ => op };
        if (!Operators.Contains(op)) throw OdooError.ValueError($"Invalid operator {PyRepr.Str(op)} in condition {condition}");
        return Path(env, model, path.Split('.'), 0, op, leaf[2], condition);
    }

    private static Func<Row, bool> Path(Env env, Model model, string[] names, int index, string op, JsonNode? value, string condition)
    {
        var field = model.Fields[names[index]];
        if (field is null || field.Hidden)
            throw OdooError.ValueError($"Invalid field {model.Name}.{names[index]} in condition {condition}");
        if (index < names.Length - 1)
        {
            if (!field.IsRelational) throw OdooError.ValueError($"Invalid field {model.Name}.{string.Join('.', names[index..])} in condition {condition}");
            var comodel = env.Model(field.Comodel!);
            var inner = Path(env, comodel, names, index + 1, op, value, condition);
            return row => Related(env, model, row, field).Any(inner);
        }
        if (op is "any" or "not any")
        {
            var comodel = env.Model(field.Comodel ?? throw OdooError.ValueError($"Invalid leaf {condition}"));
            var sub = Compile(env, comodel, value);
            return op == "any" ? row => Related(env, model, row, field).Any(sub) : row => !Related(env, model, row, field).Any(sub);
        }
        if (op is "child_of" or "parent_of") return Hierarchy(env, model, field, op, value);
        return row => Comparison.Test(env, field, ValueCodec.Get(env, model, row, field), op, value);
    }

    private static IEnumerable<Row> Related(Env env, Model model, Row row, FieldDef field)
    {
        var value = ValueCodec.Get(env, model, row, field);
        var ids = value switch { int id => [id], IEnumerable<int> list => list, _ => [] };
        return ids.Select(id => env.Get(field.Comodel!, id)).OfType<Row>();
    }

    /// <summary>child_of / parent_of along the comodel's parent field (parent_id, or location_id for locations).</summary>
    private static Func<Row, bool> Hierarchy(Env env, Model model, FieldDef field, string op, JsonNode? value)
    {
        var target = field.Name == "id" ? model : env.Model(field.Comodel ?? model.Name);
        var parent = target.Fields.Has("parent_id") ? "parent_id" : "location_id";
        var roots = JsonNum.Ints(value).ToHashSet();
        IEnumerable<int> Ancestors(int id)
        {
            for (var row = env.Get(target.Name, id); row is not null; row = env.Get(target.Name, row.Ref(parent)))
                yield return row.Id;
        }
        return row =>
        {
            var stored = ValueCodec.Get(env, model, row, field);
            var ids = stored switch { int i => [i], long l => [(int)l], IEnumerable<int> list => list, _ => [] };
            return op == "child_of"
                ? ids.Any(id => Ancestors(id).Any(roots.Contains))
                : ids.Any(id => roots.Any(r => Ancestors(r).Contains(id)));
        };
    }
}
