using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ActorSync.Actors.Hosting;
using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Odoo;
using ActorSync.Odoo.Connection;
using ActorSync.OdooSim;
using Akka.Configuration;

namespace ActorSync.Host.Bench;

/// <summary>
/// Issued invoices through the sinks into the Odoo simulator: micro-batch throughput against what
/// the simulator absorbs from hand-written batched calls, and real-time latency from "durable" (the
/// entity's answer) to "posted in Odoo" at half that throughput. Each call to the simulator takes
/// the given latency; a real SQLite node on a temp folder.
/// </summary>
internal static class SinkBenchmark
{
    private const string Key = "sink-bench-key";
    private const string Company = "Northwind Health Partners";
    private static readonly SiteId Site = new("nw-general");
    private static readonly LegalEntityId Entity = new("northwind-health");
    private const int WarmUpSeconds = 3;

    /// <param name="MicroBatchSteadyPerSecond">The micro-batch rate between 10% and 90% of the invoices posted.</param>
    public sealed record Result(int LatencyMs, double RawBatchedPerSecond, double RawWithExternalIdsPerSecond, double MicroBatchPerSecond, double MicroBatchSteadyPerSecond, double HalfLoadPerSecond, double P50Ms, double P99Ms)
    {
        public double Ratio => MicroBatchPerSecond / RawBatchedPerSecond;

        /// <summary>Against raw calls that make the same writes as the sink: records, their external ids, the post.</summary>
        public double RatioToSameWrites => MicroBatchPerSecond / RawWithExternalIdsPerSecond;
    }

    public static async Task<Result> RunAsync(TimeSpan latency, int invoices, int seconds, string hoconFolder, CancellationToken ct)
    {
        await using var sim = await OdooSimulator.StartAsync(new SimulatorOptions
        {
            Companies = [new SimCompany(Company), new SimCompany("Lakeside Care Group")],
            Users = [new SimUser("bench", "bench-password", Key, Name: "Bench")],
        }, ct);
        sim.Faults.Latency = latency;
        var label = $"{latency.TotalMilliseconds:0} ms a call";

        using var client = new OdooClient(new OdooConnectionSettings { Url = sim.BaseAddress, Database = "actorsync", Login = "bench", ApiKey = OdooSecret.Of(Key) });
        using var http = OdooBenchmark.RawHttp(sim.BaseAddress, Key);
        var raw = new OdooBenchmark.RawCalls(http, await OdooBenchmark.RawIdsAsync(client, Company, ct));
        var rawBatched = await OdooBenchmark.MeasureAsync($"{label}: raw, 100 per call", invoices, 100, (keys, c) => raw.PostAsync(keys, externalIds: false, c), ct);
        var rawWithIds = await OdooBenchmark.MeasureAsync($"{label}: raw + external ids, 100 per call", invoices, 100, (keys, c) => raw.PostAsync(keys, externalIds: true, c), ct);

        var (microBatch, steady) = await ThroughputAsync(sim, "micro-batch, window 1s, size 100", label, invoices, hoconFolder, ct);
        var rate = microBatch / 2;
        var (p50, p99) = await LatencyAsync(sim, label, rate, seconds, hoconFolder, ct);
        return new Result((int)latency.TotalMilliseconds, rawBatched, rawWithIds, microBatch, steady, rate, p50, p99);
    }

    private static async Task<(double Rate, double Steady)> ThroughputAsync(OdooSimulator sim, string mode, string label, int count, string hoconFolder, CancellationToken ct)
    {
        using var folder = new TempDir();
        await using var node = await StartNodeAsync(sim, folder.Path, "mode = micro-batch, window = 1s, size = 100", hoconFolder, ct);
        // A warm-up batch first, not measured: the sink's master data, the connector's first
        // look-ups and the JIT, which the raw calls never pay. Throughput is the steady state's.
        await IssueAndWaitAsync(node, sim, $"{label}: {mode}: warm-up", Guid.NewGuid().ToString("N")[..6], 100, ct);
        var progress = await IssueAndWaitAsync(node, sim, $"{label}: {mode}", Guid.NewGuid().ToString("N")[..6], count, ct);
        var (seconds, _) = progress[^1];
        var rate = count / seconds;
        // Between 10% and 90% posted: without the first batch's wait for the tag stream and the
        // last one's wait for its window, which a sink that never runs dry does not pay.
        var (from, to) = (progress.First(p => p.Posted >= count / 10), progress.First(p => p.Posted >= count * 9 / 10));
        var steady = (to.Posted - from.Posted) / (to.Seconds - from.Seconds);
        Console.WriteLine($"\r  {label}: {mode}: {count} invoices issued and posted in {seconds:F1} s = {rate:N1}/s ({steady:N1}/s from 10% to 90% posted)");
        return (rate, steady);
    }

    /// <summary>Issues the invoices (32 at once) and watches them get posted; how many were posted when, from the first command.</summary>
    private static async Task<List<(double Seconds, int Posted)>> IssueAndWaitAsync(ActorSyncNode node, OdooSimulator sim, string what, string run, int count, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var issuing = Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
            async (i, token) => await IssueAsync(node, $"{run}-{i}", token));
        var watch = new PostedWatch(sim, run);
        var progress = new List<(double Seconds, int Posted)>();
        for (watch.Look(); watch.Count < count; watch.Look())
        {
            progress.Add((clock.Elapsed.TotalSeconds, watch.Count));
            if (issuing.IsFaulted)
                await issuing;
            Console.Write($"\r  {what}: {watch.Count}/{count} posted");
            await Task.Delay(20, ct);
        }
        progress.Add((clock.Elapsed.TotalSeconds, watch.Count));
        await issuing;
        return progress;
    }

    private static async Task<(double P50, double P99)> LatencyAsync(OdooSimulator sim, string label, double rate, int seconds, string hoconFolder, CancellationToken ct)
    {
        using var folder = new TempDir();
        await using var node = await StartNodeAsync(sim, folder.Path, "mode = real-time, size = 100", hoconFolder, ct);
        var run = Guid.NewGuid().ToString("N")[..6];
        var durable = new ConcurrentDictionary<string, DateTime>();
        var seen = new Dictionary<string, DateTime>();
        var watch = new PostedWatch(sim, run);
        // The first seconds make the sink's master data and warm the connector's look-ups: not measured.
        var warmUp = (int)(rate * WarmUpSeconds);
        var total = warmUp + Math.Max(1, (int)(rate * seconds));
        var interval = TimeSpan.FromSeconds(1 / rate);
        var sending = Task.Run(async () =>
        {
            var start = DateTime.UtcNow;
            var inFlight = new List<Task>();
            for (var i = 0; i < total; i++)
            {
                // Read the clock once: between two reads the wait can turn negative, which Task.Delay refuses.
                var wait = start + interval * i - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, ct);
                var id = $"{run}-{i}";
                var measured = i >= warmUp;
                inFlight.Add(Task.Run(async () => { await IssueAsync(node, id, ct); if (measured) durable[$"inv-{Site}-{id}"] = DateTime.UtcNow; }, ct));
            }
            await Task.WhenAll(inFlight);
        }, ct);
        while (seen.Count < total)
        {
            if (sending.IsFaulted)
                await sending;
            var now = DateTime.UtcNow;
            foreach (var key in watch.Look())
                seen.TryAdd(key, now);
            Console.Write($"\r  {label}: real-time at {rate:N0}/s: {seen.Count}/{total} posted");
            await Task.Delay(20, ct);
        }
        await sending;
        var latencies = seen.Where(s => durable.ContainsKey(s.Key)).Select(s => (s.Value - durable[s.Key]).TotalMilliseconds).Order().ToList();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine($"\r  {label}: real-time at {rate:N0}/s for {seconds} s after {WarmUpSeconds} s of warm-up: durable → posted p50 {Percentile(0.5):F0} ms, p99 {Percentile(0.99):F0} ms ({latencies.Count} invoices)");
        return (Percentile(0.5), Percentile(0.99));
    }

    private static Task IssueAsync(ActorSyncNode node, string id, CancellationToken ct)
    {
        var key = new InvoiceKey(Site, new InvoiceId(id));
        var stamp = new SourceStamp(new SourceId("bench"), "Claim", id, 1, id, DateTimeOffset.UtcNow);
        return node.SendAsync(
        [
            new DraftInvoice(key, Entity, null, Currency.Usd, [new InvoiceLine("1", "99213", "Office visit", 1m, Money.Of(120m, Currency.Usd), null)], new DateOnly(2026, 11, 30), stamp),
            new IssueInvoice(key, "Bench Payer", new DateOnly(2026, 11, 30), stamp with { ResourceType = "ExplanationOfBenefit" }),
        ], ct);
    }

    /// <summary>
    /// This run's invoices as they get posted. Each look reads only the moves above the lowest one
    /// not yet posted: reading every move, 50 times a second, held the simulator's lock long enough
    /// to slow down what it measured.
    /// </summary>
    private sealed class PostedWatch(OdooSimulator sim, string run)
    {
        private static readonly string[] Fields = ["id", "ref", "state"];
        private readonly HashSet<string> _posted = [];
        private int _after;

        public int Count => _posted.Count;

        /// <summary>The refs posted since the last look.</summary>
        public List<string> Look()
        {
            var fresh = new List<string>();
            var settled = true;
            foreach (var move in sim.Records("account.move", Fields, _after).OrderBy(m => Convert.ToInt32(m["id"], CultureInfo.InvariantCulture)))
            {
                var posted = Equals(move["state"], "posted");
                if (posted && move["ref"] is string r && r.Contains(run, StringComparison.Ordinal) && _posted.Add(r))
                    fresh.Add(r);
                settled &= posted;
                if (settled)
                    _after = Convert.ToInt32(move["id"], CultureInfo.InvariantCulture);
            }
            return fresh;
        }
    }

    private static Task<ActorSyncNode> StartNodeAsync(OdooSimulator sim, string folder, string revenueMode, string hoconFolder, CancellationToken ct)
    {
        var keyFile = Path.Combine(folder, "odoo.key");
        File.WriteAllText(keyFile, Key);
        return ActorSyncNode.StartAsync(new NodeOptions
        {
            HoconFolder = hoconFolder,
            DataDir = Path.Combine(folder, "data"),
            Overrides = ConfigurationFactory.ParseString($$"""
                akka.loglevel = WARNING
                akka.remote.dot-netty.tcp.port = 0
                actorsync.http.enabled = off
                actorsync.odoo { url = "{{sim.BaseAddress}}", login = bench, api-key-file = "{{keyFile}}", rate-limit.per-second = 0 }
                actorsync.network.legal-entities.northwind-health.posting { granularity = detail, approval-threshold = 1000000 }
                actorsync.sinks.workflows.billing { {{revenueMode}} }
                actorsync.sinks.workflows.accounting { {{revenueMode}} }
                """),
        }, ct);
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("actorsync-sink-bench-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
