using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;

namespace ActorSync.OdooSim.Orm;

/// <summary>Reading Python-style optional arguments: false and None mean "not given".</summary>
internal static class Args
{
    public static int Int(JsonNode? node, int fallback) => JsonNum.TryInt(node, out var i) ? i : fallback;
    public static int? OptionalInt(JsonNode? node) => JsonNum.TryInt(node, out var i) ? i : null;
    public static string? OptionalString(JsonNode? node) => ValueCodec.IsFalse(node) ? null : ValueCodec.Text(node!);
    public static JsonObject Object(JsonNode? node) => node as JsonObject ?? [];
}
