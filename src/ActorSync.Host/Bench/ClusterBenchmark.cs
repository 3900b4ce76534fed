using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Host.Chaos;
using ActorSync.Host.Commands;
using ActorSync.Host.Output;

namespace ActorSync.Host.Bench;

/// <summary>
/// <c>actorsync bench cluster</c>: FHIR ingest throughput of 1, 2, 3… node processes on one
/// throwaway PostgreSQL, the same generated data sent through all nodes at once (sinks off). On a
/// 2-core machine the ratio between the counts says more than the absolute figures.
/// </summary>
internal static class ClusterBenchmark
{
    public static Command Create()
    {
        var nodes = new Option<string>("--nodes") { Description = "Node counts to measure, e.g. 1,2,3", DefaultValueFactory = _ => "1,2,3" };
        var days = new Option<int>("--days") { Description = "Days of generated data for the sample network", DefaultValueFactory = _ => 6 };
        var encounters = new Option<int>("--encounters-per-day") { Description = "Encounters per site and day", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "The figures as one JSON object on the last line" };
        var command = new Command("cluster", "Ingest throughput of 1, 2, 3 nodes on one PostgreSQL (sinks off)") { nodes, days, encounters, json };
        command.SetAction(async (parse, ct) =>
        {
            var counts = parse.GetValue(nodes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.TryParse(n, CultureInfo.InvariantCulture, out var c) ? c : 0).ToList();
            if (counts.Count == 0 || counts.Any(c => c is < 1 or > 9) || parse.GetValue(days) < 1 || parse.GetValue(encounters) < 1)
            {
                await Console.Error.WriteLineAsync("actorsync bench cluster: --nodes is a list of counts 1-9 (e.g. 1,2,3); --days and --encounters-per-day are positive");
                return ExitCodes.BadConfiguration;
            }
            var results = new List<(int Nodes, int Resources, int Accepted, double Seconds, double? Rebalance)>();
            foreach (var count in counts)
                results.Add(await MeasureAsync(count, parse.GetValue(days), parse.GetValue(encounters), ct));
            var table = new TextTable("nodes", "resources", "accepted", "seconds", "resources/s", "vs 1st", "node loss → all served again (s)");
            foreach (var r in results)
                table.Add(r.Nodes, r.Resources, r.Accepted, r.Seconds.ToString("F1", CultureInfo.InvariantCulture), (r.Resources / r.Seconds).ToString("F0", CultureInfo.InvariantCulture),
                    (r.Resources / r.Seconds / (results[0].Resources / results[0].Seconds)).ToString("F2", CultureInfo.InvariantCulture),
                    r.Rebalance?.ToString("F1", CultureInfo.InvariantCulture) ?? "-");
            table.WriteTo(Console.Out);
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(results.Select(r => new { nodes = r.Nodes, resources = r.Resources, accepted = r.Accepted, seconds = r.Seconds, perSecond = r.Resources / r.Seconds, rebalanceSeconds = r.Rebalance })));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Ingest through all nodes; then (with 3 or more) one node is SIGKILLed and the time is taken until
    /// every file, sent again through the first node, is answered: failure detection, the split-brain
    /// resolver's decision (stable-after 5 s here), shards reallocated and their entities recovered.
    /// </summary>
    private static async Task<(int, int, int, double, double?)> MeasureAsync(int nodes, int days, int encounters, CancellationToken ct)
    {
        var options = new ChaosOptions
        {
            Nodes = nodes, Days = days, EncountersPerDay = encounters, Sinks = false, HoconFolder = Path.GetFullPath(HoconFiles.DefaultFolder()),
            WorkDir = Directory.CreateTempSubdirectory($"actorsync-bench-cluster-{nodes}-").FullName,
        };
        var config = HoconFiles.Load(options.HoconFolder, []);
        var network = NetworkSettings.From(config);
        var files = await ChaosRun.GenerateAsync(options, config, network, ct);
        Console.WriteLine($"{nodes} node(s): starting on a throwaway PostgreSQL ({files.Count} files to send)");
        await using var cluster = await ChaosCluster.StartAsync(options, network, config, ct);
        var sender = new ChaosSender(cluster.Nodes, new Random(1));
        var watch = Stopwatch.StartNew();
        List<(string File, string Token)> tokens = [.. files.Select(f => (f.File, cluster.SourceTokens[f.Source]))];
        await sender.SendAsync(tokens, atOnce: 4 * nodes, ct);
        watch.Stop();
        Console.WriteLine($"  {sender.Totals.Resources:N0} resources in {watch.Elapsed.TotalSeconds:F1} s");
        double? rebalance = null;
        // With two nodes, keep-majority may down the survivor instead (an even split keeps the lowest address): three or more only.
        if (nodes > 2)
        {
            cluster.Nodes[^1].Kill();
            var loss = Stopwatch.StartNew();
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bound.CancelAfter(TimeSpan.FromMinutes(3));
            await new ChaosSender([cluster.Nodes[0]], new Random(2)).SendAsync(tokens, atOnce: 4, bound.Token);
            rebalance = loss.Elapsed.TotalSeconds;
            Console.WriteLine($"  node {nodes} killed: every file answered again through node 1 after {rebalance:F1} s");
        }
        return (nodes, sender.Totals.Resources, sender.Totals.Accepted, watch.Elapsed.TotalSeconds, rebalance);
    }
}
