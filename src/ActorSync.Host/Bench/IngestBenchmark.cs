using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Domain.Common;
using ActorSync.Fhir.Generation;
using ActorSync.Fhir.Parsing;
using ActorSync.Host.Commands;
using ActorSync.Http;
using ActorSync.Storage;
using Microsoft.Data.Sqlite;

namespace ActorSync.Host.Bench;

/// <summary>
/// Generated FHIR of the sample network, three ways: how fast this machine merely parses the
/// resources ActorSync maps (strict Hl7.Fhir.R4, one thread, warmed up: the ceiling of any FHIR
/// pipeline here); the peak rate of the whole ingest path until durable (site-day bundles, a few
/// at once); and the latency from request to durable answer over HTTP when visits arrive, one
/// transaction each, at half of that peak.
/// </summary>
internal static class IngestBenchmark
{
    public sealed record Settings(string Store, int Days, int EncountersPerDay, int Parallelism, int Concurrency, int LatencySeconds, string HoconFolder);

    public sealed record Result(
        string Store, int Bundles, int MappedResources, int AllResources, double ParseOnlyPerSecond, double DurablePerSecond,
        double LatencyRatePerSecond, int LatencyRequests, double P50Milliseconds, double P99Milliseconds, IngestCounts Counts)
    {
        public double Ratio => DurablePerSecond / ParseOnlyPerSecond;
    }

    private const string Token = "bench-token-not-a-secret-0123456789";

    public static async Task<Result> RunAsync(Settings settings, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-ingest-bench-" + Guid.NewGuid().ToString("N")[..8]);
        LocalPostgresServer? server = null;
        try
        {
            string? pg = null;
            if (settings.Store == "postgresql")
            {
                Console.WriteLine("   starting a throwaway PostgreSQL server (fsync on)...");
                server = await LocalPostgresServer.StartAsync(durable: true, ct);
                pg = await server.CreateDatabaseAsync("actorsync_ingest_bench", ct);
                // A node on PostgreSQL has no data folder to keep a generated pseudonym key in.
                if (Environment.GetEnvironmentVariable("ACTORSYNC_PSEUDONYM_KEY") is null)
                    Environment.SetEnvironmentVariable("ACTORSYNC_PSEUDONYM_KEY", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            }
            var source = $"actorsync.http.port = 0\nactorsync.sources.bench {{ credential-sha256 = \"{Convert.ToHexString(SourceSettings.Hash(Token))}\", sites = [\"*\"] }}\n";
            var options = BenchNodes.Options(settings.Store, settings.HoconFolder, [], folder, pg, source, seedNetwork: true);
            var (_, _, network) = ActorSyncNode.LoadConfiguration(options);
            var sites = GenerateCommand.Sites(network);
            var peakData = Generate(sites, new DateOnly(2026, 1, 5), settings.Days, settings.EncountersPerDay, 42);
            Console.WriteLine($"   generated {peakData.Count} bundles, {peakData.Sum(b => b.Entries.Count):N0} resources");

            var (mapped, parseOnly) = ParseOnly(peakData);
            Console.WriteLine($"   parse only: {mapped:N0} used resources, {parseOnly:N0}/s on one thread");

            await using var node = await ActorSyncNode.StartAsync(options, ct);
            await WarmUpAsync(node, sites, settings, ct);
            var (counts, durable) = await PeakAsync(node, peakData, settings, ct);
            Console.WriteLine($"   peak, until durable: {counts.Resources:N0} resources; mapped and answered {durable:N0}/s ({settings.Concurrency} bundles at once)");

            await using var http = await IngestServer.StartAsync(node, ct);
            var rate = durable / 2;
            // Other days for the latency phase, so that it measures new data, not repeats; enough for its length.
            var perDay = peakData.Sum(b => b.Entries.Count) / (double)settings.Days;
            var (bundles, allResources) = (peakData.Count, counts.Resources);
            // The peak phase's bundles (hundreds of MB for 60 days) are the bench's, not the node's:
            // let them go, so that collecting them does not pause the latency phase.
            peakData = null!;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var latencyData = Generate(sites, new DateOnly(2026, 6, 1), (int)Math.Ceiling(rate * (settings.LatencySeconds + 5) / perDay), settings.EncountersPerDay, 7);
            using var gc = GcWatch.Start();
            var (requests, p50, p99) = await LatencyAsync(http.Address, latencyData, rate, settings.LatencySeconds, ct);
            Console.WriteLine($"   latency at {rate:N0} resources/s (half the peak), {requests:N0} visit transactions over HTTP: p50 {p50:F1} ms, p99 {p99:F1} ms");
            Console.WriteLine($"   garbage collections meanwhile (node and bench share the process): {gc.Report()}");
            return new Result(settings.Store, bundles, mapped, allResources, parseOnly, durable, rate, requests, p50, p99, counts);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (server is not null)
                await server.DisposeAsync();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Other days first, not counted, until the JIT has settled: a fresh process spends a fifth of
    /// its CPU in the JIT for its first ~20 s (perf), and after one round of 20 days it still
    /// compiled ~6,000 methods (mostly tier-1 recompilations) during the measured peak. A node that
    /// has been running has paid that. Rounds of a sixth of the days each, at most six.
    /// </summary>
    private static async Task WarmUpAsync(ActorSyncNode node, IReadOnlyList<GeneratorSite> sites, Settings settings, CancellationToken ct)
    {
        const int MaxRounds = 6;
        const double SettledMethodsPerSecond = 50;
        var (resources, rounds, perSecond) = (0, 0, double.MaxValue);
        while (rounds < MaxRounds && perSecond > SettledMethodsPerSecond)
        {
            var days = Generate(sites, new DateOnly(2025, 1, 6).AddDays(rounds * 40), Math.Max(1, settings.Days / 6), settings.EncountersPerDay, 11 + rounds);
            var compiled = JitInfo.GetCompiledMethodCount();
            var clock = Stopwatch.StartNew();
            var (counts, _) = await PeakAsync(node, days, settings, ct);
            perSecond = (JitInfo.GetCompiledMethodCount() - compiled) / clock.Elapsed.TotalSeconds;
            resources += counts.Resources;
            rounds++;
            Console.Write($"\r   warm-up: {rounds} round(s), {resources:N0} resources; the JIT compiled {perSecond:N0} methods/s in the last");
        }
        Console.WriteLine($"\r   warm-up: {rounds} round(s), {resources:N0} resources (not counted); the JIT compiled {perSecond:N0} methods/s in the last");
    }

    private static List<BundleContent> Generate(IReadOnlyList<GeneratorSite> sites, DateOnly start, int days, int perDay, int seed) =>
        [.. FhirDataGenerator.Generate(sites, new GeneratorOptions(start, days, perDay, seed, 0.05, 0.03, GeneratorOptions.DefaultPayers))
            .Select(b => BundleReader.TryRead(b.Json, out var content, out var problem) ? content! : throw new InvalidOperationException(problem))];

    private static (int Mapped, double PerSecond) ParseOnly(List<BundleContent> bundles)
    {
        var used = bundles.SelectMany(b => b.Entries)
            .Where(e => ResourceHeader.TryRead(e.Resource, out var header, out _) && ResourceKinds.IsUsed(header.ResourceType))
            .Select(e => e.Resource!).ToList();
        var parser = new FhirResourceParser();
        foreach (var resource in used.Take(2000))
            parser.Parse(resource); // warm-up: JIT and Firely's model caches
        var watch = Stopwatch.StartNew();
        var parsed = used.Count(r => parser.Parse(r).Succeeded);
        return (parsed, parsed / watch.Elapsed.TotalSeconds);
    }

    private static async Task<(IngestCounts Counts, double PerSecond)> PeakAsync(ActorSyncNode node, List<BundleContent> bundles, Settings settings, CancellationToken ct)
    {
        var session = await IngestSession.StartAsync(node, new SourceId("bench"), null, settings.Parallelism);
        var counts = IngestCounts.Zero;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(bundles, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = ct }, async (bundle, token) =>
        {
            var report = await session.IngestAsync(bundle.Entries, cancellationToken: token);
            lock (session)
                counts += report.Counts;
        });
        var answered = counts.Accepted + counts.Duplicates + counts.OutOfOrder + counts.Parked;
        return (counts, answered / watch.Elapsed.TotalSeconds);
    }

    /// <summary>Visits sent on a schedule (an open loop: a slow answer does not delay the next request), each timed until its durable answer.</summary>
    private static async Task<(int Requests, double P50, double P99)> LatencyAsync(Uri node, List<BundleContent> bundles, double resourcesPerSecond, int seconds, CancellationToken ct)
    {
        var visits = bundles.SelectMany(b => VisitBundles.Split(b.Entries)).ToList();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = node, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        // The first seconds at the rate are a warm-up, not measured: connections, tiered JIT of the
        // HTTP path. Steady state is what the goal is about: the backlog of a cold start (answers of
        // 1.4 s at first) took ~5.5 s to drain at half load.
        const int WarmUpSeconds = 10;
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        // The source's session opens with its first request and reads the source's history from the
        // journal once (2 s here, after ~500,000 events): a node's start, not its steady state, and
        // the backlog it left outlasted the warm-up. Opened before the clock starts.
        if (visits.Count > 0)
        {
            if (!await PostAsync(client, visits[0].Json, ct))
                failures++;
            visits.RemoveAt(0);
        }
        var sent = new List<Task>();
        var watch = Stopwatch.StartNew();
        var due = 0.0;
        foreach (var (json, resources) in visits)
        {
            if (watch.Elapsed.TotalSeconds > seconds + WarmUpSeconds)
                break;
            var wait = TimeSpan.FromSeconds(due) - watch.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, ct);
            due += resources / resourcesPerSecond;
            sent.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                var measured = watch.Elapsed.TotalSeconds >= WarmUpSeconds;
                var accepted = await PostAsync(client, json, ct);
                if (measured)
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!accepted)
                    Interlocked.Increment(ref failures);
            }, ct));
        }
        await Task.WhenAll(sent);
        if (failures > 0)
            Console.WriteLine($"   {failures} visit transactions were not accepted");
        var sorted = latencies.Order().ToList();
        return (sorted.Count, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static async Task<bool> PostAsync(HttpClient client, byte[] json, CancellationToken ct)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using var response = await client.PostAsync("fhir", content, ct);
        return response.IsSuccessStatusCode;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
