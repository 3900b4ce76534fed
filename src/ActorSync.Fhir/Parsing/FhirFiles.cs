namespace ActorSync.Fhir.Parsing;

/// <summary>One unit of ingest from a file: a bundle's entries, or a chunk of NDJSON lines, or a single resource.</summary>
public sealed record FileBatch(string File, IReadOnlyList<BundleEntry> Entries, string? Problem);

/// <summary>
/// Reads FHIR files for bulk import: <c>*.json</c> (a Bundle, or one resource) and <c>*.ndjson</c>
/// (FHIR Bulk Data: one resource per line), from files or folders (recursively), in name order.
/// A file that cannot be read is a batch with a problem, not an exception.
/// </summary>
public static class FhirFiles
{
    /// <summary>
    /// The files to import, master data first (Bulk Data files named by type, Synthea's hospital and
    /// practitioner bundles), so that the organizations and locations others refer to are known
    /// before the encounters that name them; otherwise in name order.
    /// </summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths) =>
        [.. paths.SelectMany(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(IsFhirFile).Order(StringComparer.Ordinal)
                : (IEnumerable<string>)[p])
            .OrderBy(f => IsMasterData(Path.GetFileName(f)) ? 0 : 1)];

    private static readonly string[] MasterDataPrefixes = ["Organization", "Location", "Practitioner", "hospitalInformation", "practitionerInformation"];

    private static bool IsMasterData(string fileName) => MasterDataPrefixes.Any(p => fileName.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static bool IsFhirFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<FileBatch> Read(string file, int linesPerBatch = 1000, int maxLineBytes = 16 * 1024 * 1024)
    {
        if (!File.Exists(file))
        {
            yield return new FileBatch(file, [], "the file does not exist");
            yield break;
        }
        if (file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var batch in ReadNdjson(file, linesPerBatch, maxLineBytes))
                yield return batch;
            yield break;
        }
        var bytes = File.ReadAllBytes(file);
        if (BundleReader.TryRead(bytes, out var bundle, out _))
            yield return new FileBatch(file, bundle!.Entries, null);
        else
            yield return new FileBatch(file, [new BundleEntry(0, null, bytes, null, null)], null);
    }

    private static IEnumerable<FileBatch> ReadNdjson(string file, int linesPerBatch, int maxLineBytes)
    {
        using var stream = File.OpenRead(file);
        foreach (var entries in NdjsonReader.ReadAsync(stream, linesPerBatch, maxLineBytes).ToBlockingEnumerable())
            yield return new FileBatch(file, entries, null);
    }
}
