using System.Text;
using System.Text.Json.Nodes;

namespace ActorSync.Fhir.Parsing;

/// <summary>
/// A Bundle's entries by fullUrl, and resources with their references to those entries made literal
/// (<c>urn:uuid:…</c> → <c>Encounter/{id}</c>): for a resource that leaves its Bundle — an NDJSON
/// line, or a payload parked to be retried on its own later.
/// </summary>
public static class BundleReferences
{
    /// <summary>fullUrl → <c>Type/id</c> for every entry that has both.</summary>
    public static Dictionary<string, string> Literals(IEnumerable<BundleEntry> entries)
    {
        var literals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.FullUrl is { } url && entry.Resource is { } bytes && ResourceHeader.TryRead(bytes, out var header, out _) && header.Id is { } id)
                literals[url] = $"{header.ResourceType}/{id}";
        }
        return literals;
    }

    /// <summary>The resource with every reference that names an entry by its fullUrl made literal; unchanged when it names none.</summary>
    public static byte[] MakeLiteral(byte[] resource, IReadOnlyDictionary<string, string> literals)
    {
        if (literals.Count == 0 || JsonNode.Parse(resource) is not { } node || !Rewrite(node, literals))
            return resource;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>Rewrites in place; true when something changed.</summary>
    public static bool Rewrite(JsonNode node, IReadOnlyDictionary<string, string> literals)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (name == "reference" && value is JsonValue v && v.TryGetValue<string>(out var text) && literals.TryGetValue(text, out var to))
                        (o[name], changed) = (to, true);
                    else if (value is not null)
                        changed |= Rewrite(value, literals);
                }
                break;
            case JsonArray a:
                foreach (var item in a.OfType<JsonNode>())
                    changed |= Rewrite(item, literals);
                break;
        }
        return changed;
    }
}
