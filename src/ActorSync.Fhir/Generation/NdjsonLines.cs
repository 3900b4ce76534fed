using System.Text.Json.Nodes;

namespace ActorSync.Fhir.Generation;

/// <summary>
/// A generated Bundle as FHIR Bulk Data lines: each entry's resource on one line, by type, with the
/// Bundle's <c>urn:uuid:</c> references made literal (<c>Encounter/{id}</c>) — NDJSON has no fullUrl
/// to resolve them against. Conditional references (<c>Organization?identifier=…</c>) stay as they are.
/// </summary>
public static class NdjsonLines
{
    public static IEnumerable<(string ResourceType, string Line)> Of(byte[] bundleJson)
    {
        var entries = JsonNode.Parse(bundleJson)?["entry"] as JsonArray ?? [];
        var literal = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (entry["fullUrl"]?.GetValue<string>() is { } url && entry["resource"] is JsonObject r
                && r["resourceType"]?.GetValue<string>() is { } type && r["id"]?.GetValue<string>() is { } id)
                literal[url] = $"{type}/{id}";
        }
        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (entry["resource"] is not JsonObject resource)
                continue;
            Rewrite(resource, literal);
            yield return (resource["resourceType"]!.GetValue<string>(), resource.ToJsonString());
        }
    }

    /// <summary>Every <c>reference</c> that names an entry of the Bundle by its fullUrl, made literal.</summary>
    private static void Rewrite(JsonNode node, Dictionary<string, string> literal)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (name == "reference" && value is JsonValue v && v.TryGetValue<string>(out var text) && literal.TryGetValue(text, out var to))
                        o[name] = to;
                    else if (value is not null)
                        Rewrite(value, literal);
                }
                break;
            case JsonArray a:
                foreach (var item in a.OfType<JsonNode>())
                    Rewrite(item, literal);
                break;
        }
    }
}
