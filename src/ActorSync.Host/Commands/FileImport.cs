using System.Diagnostics;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Domain.Common;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;

namespace ActorSync.Host.Commands;

public sealed record FileImportResult(IngestCounts Totals, IReadOnlyList<string> Unreadable, TimeSpan Elapsed, ImportProblems? Problems = null);

/// <summary>FHIR files into a node's ingest pipeline, in reference order, with a progress line: what <c>import</c> and <c>demo</c> share.</summary>
internal static class FileImport
{
    // Files read at once: measured 4 bundles at once ≈ 1.5–2× one at a time on 2 cores (docs/benchmarks.md).
    private const int FilesAtOnce = 4;

    public static async Task<FileImportResult> IntoNodeAsync(ActorSyncNode node, IReadOnlyList<string> files, SourceId source, SiteResolution? sourceSite, int parallelism, CancellationToken ct)
    {
        var session = await IngestSession.StartAsync(node, source, sourceSite, parallelism);
        var problems = new ImportProblems();
        var totals = IngestCounts.Zero;
        var unreadable = new List<string>();
        var done = 0;
        var watch = Stopwatch.StartNew();
        await InReferenceOrderAsync(files, ct, async (file, token) =>
        {
            foreach (var batch in FhirFiles.Read(file))
            {
                var report = batch.Problem is null ? await session.IngestAsync(batch.Entries, cancellationToken: token) : null;
                var counts = report?.Counts ?? IngestCounts.Zero;
                foreach (var outcome in report?.Outcomes.Where(o => o.Verdict is IngestVerdict.Rejected or IngestVerdict.Forbidden or IngestVerdict.Parked) ?? [])
                    problems.Add(Problem(file, outcome));
                lock (unreadable)
                {
                    if (batch.Problem is not null)
                        unreadable.Add($"{batch.File}: {batch.Problem}");
                    totals += counts;
                }
            }
            lock (unreadable)
                Progress(++done, files.Count, totals, watch);
        });
        return new FileImportResult(totals, unreadable, watch.Elapsed, problems);
    }

    /// <summary><c>file:line</c> for NDJSON, <c>file entry N</c> for a Bundle; then the resource and the reason.</summary>
    private static string Problem(string file, EntryOutcome outcome)
    {
        var where = file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? $"{Path.GetFileName(file)}:{outcome.Index + 1}" : $"{Path.GetFileName(file)} entry {outcome.Index}";
        var resource = $"{outcome.ResourceType}/{outcome.Id}";
        var what = outcome.ResourceType is null || outcome.Reason?.StartsWith(resource, StringComparison.Ordinal) == true ? "" : resource + ": ";
        return $"{where}: {outcome.Verdict.ToString().ToLowerInvariant()}: {what}{outcome.Reason}";
    }

    /// <summary>
    /// Files of one rank (master data, encounters, claims, payments, the rest) a few at a time; a
    /// rank starts once the one before it is answered (durable), so references point backwards.
    /// </summary>
    public static async Task InReferenceOrderAsync(IReadOnlyList<string> files, CancellationToken ct, Func<string, CancellationToken, ValueTask> read)
    {
        foreach (var rank in files.GroupBy(f => FhirFiles.Rank(Path.GetFileName(f))).OrderBy(g => g.Key))
            await Parallel.ForEachAsync(rank, new ParallelOptions { MaxDegreeOfParallelism = FilesAtOnce, CancellationToken = ct }, read);
    }

    public static void Progress(int done, int files, IngestCounts totals, Stopwatch watch)
    {
        if (!Console.IsOutputRedirected)
            Console.Write($"\r  [{done}/{files} files] {totals.Resources:N0} resources, {totals.Resources / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}/s   ");
    }
}
