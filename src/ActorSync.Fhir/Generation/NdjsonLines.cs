using System.Text.Json.Nodes;
using ActorSync.Fhir.Parsing;

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
        if (!BundleReader.TryRead(bundleJson, out var bundle, out var problem))
            throw new InvalidOperationException($"a generated Bundle could not be read: {problem}");
        var literals = BundleReferences.Literals(bundle!.Entries);
        foreach (var entry in bundle.Entries)
        {
            if (entry.Resource is null || JsonNode.Parse(entry.Resource) is not JsonObject resource)
                continue;
            BundleReferences.Rewrite(resource, literals);
            yield return (resource["resourceType"]!.GetValue<string>(), resource.ToJsonString());
        }
    }
}
