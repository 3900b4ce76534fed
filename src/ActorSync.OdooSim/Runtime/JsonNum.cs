using System.Text.Json.Nodes;

namespace ActorSync.OdooSim.Runtime;

/// <summary>Numbers out of JSON nodes, whether parsed from a request or built in code (JsonValue&lt;int&gt;).</summary>
internal static class JsonNum
{
    public static bool TryDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v) return false;
        if (v.TryGetValue(out value)) return true;
        if (v.TryGetValue(out int i)) { value = i; return true; }
        if (v.TryGetValue(out long l)) { value = l; return true; }
        if (v.TryGetValue(out decimal m)) { value = (double)m; return true; }
        return false;
    }

    public static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        if (!TryDouble(node, out var d) || d != Math.Floor(d) || Math.Abs(d) > int.MaxValue) return false;
        value = (int)d;
        return true;
    }

    public static int? Int(JsonNode? node) => TryInt(node, out var i) ? i : null;

    public static IReadOnlyList<int> Ints(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(Int).OfType<int>().ToList(),
        _ when TryInt(node, out var single) => [single],
        _ => [],
    };
}
