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
    /// The files to import, in the order their references point: master data (Bulk Data files are
    /// named by type; Synthea's hospital and practitioner bundles), then encounters, claims, payments
    /// and the rest, so that what a resource refers to has arrived before it; otherwise in name order.
    /// </summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths) =>
        [.. paths.SelectMany(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(IsFhirFile).Order(StringComparer.Ordinal)
                : (IEnumerable<string>)[p])
            .OrderBy(f => Rank(Path.GetFileName(f)))];

    private static readonly string[][] Ranks =
    [
        ["Organization", "Location", "Practitioner", "hospitalInformation", "practitionerInformation"],
        ["Encounter"],
        ["Claim", "ChargeItem"],
        ["ExplanationOfBenefit", "Invoice", "PaymentReconciliation", "PaymentNotice"],
    ];

    /// <summary>Where a file goes in reference order (0: master data, then encounters, claims, payments, rest); files of one rank may be read together.</summary>
    public static int Rank(string fileName)
    {
        for (var rank = 0; rank < Ranks.Length; rank++)
            if (Ranks[rank].Any(type => fileName.Contains(type, StringComparison.OrdinalIgnoreCase)))
                return rank;
        return Ranks.Length;
    }

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
