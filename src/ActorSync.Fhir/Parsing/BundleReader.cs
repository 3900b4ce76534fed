using System.Runtime.InteropServices;
using System.Text.Json;

namespace ActorSync.Fhir.Parsing;

/// <summary>One entry of a Bundle: the resource's own JSON bytes, its fullUrl and, for transactions, its request.</summary>
/// <param name="Problem">Why an entry has no resource although it should (an NDJSON line over the limit).</param>
public sealed record BundleEntry(int Index, string? FullUrl, byte[]? Resource, string? RequestMethod, string? RequestUrl, string? Problem = null);

/// <summary>A Bundle read without turning its resources into POCOs.</summary>
public sealed record BundleContent(string? Type, IReadOnlyList<BundleEntry> Entries);

/// <summary>
/// Reads a Bundle's type and entries as raw JSON so that each resource can be looked at
/// (<see cref="ResourceHeader"/>) and parsed only when it is used.
/// </summary>
public static class BundleReader
{
    public static bool TryRead(ReadOnlyMemory<byte> json, out BundleContent? bundle, out string? problem)
    {
        bundle = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 128 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String)
            {
                problem = "the body is not a FHIR resource (no resourceType)";
                return false;
            }
            if (type.GetString() != "Bundle")
            {
                problem = $"expected a Bundle, got {type.GetString()}";
                return false;
            }
            var entries = new List<BundleEntry>();
            if (root.TryGetProperty("entry", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var entry in list.EnumerateArray())
                    entries.Add(ReadEntry(entry, index++));
            }
            bundle = new BundleContent(root.TryGetProperty("type", out var bundleType) ? bundleType.GetString() : null, entries);
            problem = null;
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"the JSON is not well formed: {ex.Message}";
            return false;
        }
    }

    private static BundleEntry ReadEntry(JsonElement entry, int index)
    {
        string? fullUrl = null, method = null, url = null;
        byte[]? resource = null;
        if (entry.ValueKind == JsonValueKind.Object)
        {
            if (entry.TryGetProperty("fullUrl", out var f) && f.ValueKind == JsonValueKind.String)
                fullUrl = f.GetString();
            if (entry.TryGetProperty("resource", out var r) && r.ValueKind == JsonValueKind.Object)
                resource = JsonMarshal.GetRawUtf8Value(r).ToArray();
            if (entry.TryGetProperty("request", out var q) && q.ValueKind == JsonValueKind.Object)
            {
                method = q.TryGetProperty("method", out var m) ? m.GetString() : null;
                url = q.TryGetProperty("url", out var u) ? u.GetString() : null;
            }
        }
        return new BundleEntry(index, fullUrl, resource, method, url);
    }
}
