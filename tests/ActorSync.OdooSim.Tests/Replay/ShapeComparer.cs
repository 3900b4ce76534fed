using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ActorSync.OdooSim.Tests.Replay;

/// <summary>
/// Compares a simulator answer with a recorded one where ids and timestamps necessarily differ:
/// same object keys, same array lengths, same booleans and floats; integers only need to be
/// integers; strings must match once every run of digits is replaced by '#' (record ids, dates).
/// </summary>
internal static partial class ShapeComparer
{
    public static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case null:
                if (actual is not null) differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                break;
            case JsonObject obj:
                if (actual is not JsonObject other)
                {
                    differences.Add($"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}");
                    break;
                }
                // Keys are compared like strings: get_external_id answers {"<id>": "module.name"}.
                var keys = obj.ToDictionary(p => Normalize(p.Key), p => p.Key);
                var otherKeys = other.ToDictionary(p => Normalize(p.Key), p => p.Key);
                if (!keys.Keys.Order().SequenceEqual(otherKeys.Keys.Order()))
                    differences.Add($"{path}: keys [{string.Join(",", obj.Select(p => p.Key))}] expected, got [{string.Join(",", other.Select(p => p.Key))}]");
                foreach (var key in keys.Keys.Intersect(otherKeys.Keys)) Compare(obj[keys[key]], other[otherKeys[key]], $"{path}.{keys[key]}", differences);
                break;
            case JsonArray array:
                if (actual is not JsonArray items || items.Count != array.Count)
                {
                    differences.Add($"{path}: expected {array.Count} items, got {actual?.ToJsonString() ?? "null"}");
                    break;
                }
                for (var i = 0; i < array.Count; i++) Compare(array[i], items[i], $"{path}[{i}]", differences);
                break;
            case JsonValue value:
                if (!SameValue(value, actual))
                    differences.Add($"{path}: expected {value.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static bool SameValue(JsonValue expected, JsonNode? actual)
    {
        if (actual is not JsonValue other || expected.GetValueKind() != other.GetValueKind()) return false;
        return expected.GetValueKind() switch
        {
            JsonValueKind.String => Normalize((string)expected!) == Normalize((string)other!),
            JsonValueKind.Number => IsFloat(expected) ? IsFloat(other) && (double)expected == (double)other : !IsFloat(other),
            _ => true,
        };
    }

    private static bool IsFloat(JsonValue value) => value.TryGetValue<JsonElement>(out var e) && e.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0;

    public static string Normalize(string text) => Digits().Replace(text, "#");

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
