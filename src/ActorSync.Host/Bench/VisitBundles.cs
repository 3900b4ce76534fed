using System.Text;
using System.Text.Json;
using ActorSync.Fhir.Parsing;

namespace ActorSync.Host.Bench;

/// <summary>
/// A generated site-day bundle cut into what an EHR sends per visit: the entries that refer to one
/// another by <c>urn:uuid:</c> (encounter, claim, payment, supplies) travel together, each group as
/// a transaction bundle of its own; master data (referred to by identifier) goes first, alone.
/// </summary>
internal static class VisitBundles
{
    public static IEnumerable<(byte[] Json, int Resources)> Split(IReadOnlyList<BundleEntry> entries)
    {
        // Union-find over entries: an entry that mentions another's fullUrl joins its group.
        var parent = Enumerable.Range(0, entries.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var byUrl = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            // A resent entry (the generator's duplicates) keeps its fullUrl: it joins the first one's group.
            if (entries[i].FullUrl is { } url && !byUrl.TryAdd(url, i))
                parent[Find(i)] = Find(byUrl[url]);
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var text = entries[i].Resource is { } bytes ? Encoding.UTF8.GetString(bytes) : "";
            for (var at = text.IndexOf("\"urn:uuid:", StringComparison.Ordinal); at >= 0; at = text.IndexOf("\"urn:uuid:", at + 1, StringComparison.Ordinal))
            {
                var end = text.IndexOf('"', at + 1);
                if (byUrl.TryGetValue(text[(at + 1)..end], out var other))
                    parent[Find(i)] = Find(other);
            }
        }
        return entries.Select((e, i) => (Entry: e, Group: Find(i))).GroupBy(x => x.Group)
            .OrderBy(g => g.Min(x => x.Entry.Index))
            .Select(g => (Transaction([.. g.Select(x => x.Entry)]), g.Count()));
    }

    private static byte[] Transaction(IReadOnlyList<BundleEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "Bundle");
            json.WriteString("type", "transaction");
            json.WriteStartArray("entry");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                if (entry.FullUrl is not null)
                    json.WriteString("fullUrl", entry.FullUrl);
                json.WritePropertyName("resource");
                json.WriteRawValue(entry.Resource);
                json.WriteStartObject("request");
                json.WriteString("method", entry.RequestMethod ?? "PUT");
                json.WriteString("url", entry.RequestUrl ?? "");
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
