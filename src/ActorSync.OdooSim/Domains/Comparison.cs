using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;

namespace ActorSync.OdooSim.Domains;

/// <summary>One comparison of a stored value with a domain value, with SQL's NULL rules as Odoo applies them.</summary>
internal static class Comparison
{
    public static bool Test(Env env, FieldDef field, object? stored, string op, JsonNode? value)
    {
        if (field.Type is FieldType.Many2one or FieldType.One2many or FieldType.Many2many)
            return Relational(env, field, stored, op, value);
        return op switch
        {
            "=" => Equal(field, stored, value),
            "!=" => !Equal(field, stored, value),
            "in" => (value as JsonArray ?? []).Any(v => Equal(field, stored, v)),
            "not in" => !(value as JsonArray ?? []).Any(v => Equal(field, stored, v)),
            "<" or "<=" or ">" or ">=" => Ordered(stored, op, value),
            _ => Text(stored, op, value),
        };
    }

    private static bool Relational(Env env, FieldDef field, object? stored, string op, JsonNode? value)
    {
        var ids = stored switch { int id => [id], IEnumerable<int> list => list.ToList(), _ => new List<int>() };
        // A name instead of an id: Odoo searches the comodel by display name.
        if (value is JsonValue v && v.TryGetValue<string>(out var name) || value is JsonArray a && a.Any(x => x is JsonValue s && s.GetValueKind() == JsonValueKind.String))
        {
            var names = ids.Select(id => env.DisplayName(field.Comodel!, id)).ToList();
            return op switch
            {
                "=" or "in" => names.Any(n => Values(value).Any(x => x is JsonValue s && s.TryGetValue<string>(out var t) && t == n)),
                "!=" or "not in" => !names.Any(n => Values(value).Any(x => x is JsonValue s && s.TryGetValue<string>(out var t) && t == n)),
                _ => op.StartsWith("not ", StringComparison.Ordinal) == !names.Any(n => Text(n, op.Replace("not ", "", StringComparison.Ordinal), value)),
            };
        }
        var wanted = JsonNum.Ints(value);
        var wantsEmpty = ValueCodec.IsFalse(value) || (value is JsonArray arr && arr.Any(ValueCodec.IsFalse));
        var hit = ids.Any(wanted.Contains) || (wantsEmpty && ids.Count == 0);
        return op switch
        {
            "=" or "in" => hit,
            "!=" or "not in" => !hit,
            "<" or "<=" or ">" or ">=" => ids.Any(id => Ordered(id, op, value)),
            _ => false,
        };
    }

    private static IEnumerable<JsonNode?> Values(JsonNode? value) => value is JsonArray a ? a : [value];

    private static bool Equal(FieldDef field, object? stored, JsonNode? value)
    {
        if (ValueCodec.IsFalse(value))
            return field.Type == FieldType.Boolean ? stored is not true : stored is null or "";
        if (value is not JsonValue v) return false;
        return stored switch
        {
            null => false,
            string s => v.TryGetValue<string>(out var t) && s == t,
            bool b => v.TryGetValue<bool>(out var t) && b == t,
            _ => JsonNum.TryDouble(v, out var d) && Convert.ToDouble(stored, System.Globalization.CultureInfo.InvariantCulture) == d,
        };
    }

    private static bool Ordered(object? stored, string op, JsonNode? value)
    {
        int comparison;
        if (stored is string s && value is JsonValue v && v.TryGetValue<string>(out var t)) comparison = string.CompareOrdinal(s, t);
        else if (stored is double or long or int && JsonNum.TryDouble(value, out var d))
            comparison = Convert.ToDouble(stored, System.Globalization.CultureInfo.InvariantCulture).CompareTo(d);
        else return false;
        return op switch { "<" => comparison < 0, "<=" => comparison <= 0, ">" => comparison > 0, _ => comparison >= 0 };
    }

    private static bool Text(object? stored, string op, JsonNode? value)
    {
        var negated = op.StartsWith("not ", StringComparison.Ordinal);
        var baseOp = negated ? op[4..] : op;
        if (ValueCodec.IsFalse(value)) return negated ? stored is not null : stored is null;
        var pattern = ValueCodec.Text(value!);
        if (stored is not string s) return negated;
        var matched = baseOp switch
        {
            "like" => Like.Matches(s, $"%{pattern}%", ignoreCase: false),
            "ilike" => Like.Matches(s, $"%{pattern}%", ignoreCase: true),
            "=like" => Like.Matches(s, pattern, ignoreCase: false),
            "=ilike" => Like.Matches(s, pattern, ignoreCase: true),
            _ => false,
        };
        return matched != negated;
    }
}
