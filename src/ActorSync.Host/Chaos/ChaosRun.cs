using System.Diagnostics;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Domain.Reconciliation;
using ActorSync.Fhir.Generation;
using ActorSync.Host.Commands;
using ActorSync.Host.Output;
using ActorSync.Host.Palette;

namespace ActorSync.Host.Chaos;

/// <summary>
/// The chaos run: generated data sent through every node at once while a random node is killed
/// (SIGKILL) and restarted every few seconds and Odoo fails, lags and goes away for a while; then
/// quiescence, and the proof that nothing was lost or doubled (see <see cref="ChaosChecks"/>).
/// </summary>
internal static class ChaosRun
{
    public static async Task<int> RunAsync(ChaosOptions options, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var config = HoconFiles.Load(options.HoconFolder, []);
        var network = NetworkSettings.From(config);
        var files = await GenerateAsync(options, config, network, ct);
        Console.WriteLine($"chaos: {options.Nodes} nodes, {options.Duration.TotalSeconds:0} s, a kill every {options.KillEvery.TotalSeconds:0} s; {files.Count} files of generated data; work folder {options.WorkDir}");
        await using var cluster = await ChaosCluster.StartAsync(options, network, config, ct);
        Console.WriteLine($"  cluster up ({watch.Elapsed.TotalSeconds:0} s): journal on a throwaway PostgreSQL, Odoo simulator with 20 ms a call, 5% errors, 3% lost answers, an outage to come");

        var random = new Random(options.Seed);
        var sender = new ChaosSender(cluster.Nodes, random);
        var tokens = files.Select(f => (f.File, cluster.SourceTokens[f.Source])).ToList();
        // Paced over the chaos, so that kills and the outage land while data flows.
        var sending = sender.SendAsync(tokens, atOnce: 4, ct, pace: options.Duration / Math.Max(1, tokens.Count) * 0.8);
        using var shards = new ShardWatch(cluster.Nodes, cluster.OperatorToken);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var shardWatch = shards.RunAsync(watching.Token);
        var (kills, outage) = await MonkeyAsync(options, cluster, sending, random, ct);
        await sending;
        foreach (var node in cluster.Nodes)
            await node.WaitReadyAsync(TimeSpan.FromMinutes(2), ct);
        Console.WriteLine($"  sent ({watch.Elapsed.TotalSeconds:0} s): {sender.Totals.Resources:N0} resources, {sender.Totals.Accepted:N0} accepted, {sender.Retries} sends repeated; {kills} kills; waiting for the sinks");

        using var api = new ManagementClient(cluster.Nodes[0].Management, cluster.OperatorToken);
        var idle = await QuiescenceAsync(api, TimeSpan.FromMinutes(5), ct);
        await watching.CancelAsync();
        await shardWatch;
        await shards.LookAsync(ct);
        // Everything acknowledged must be there: sent once more, not one resource is new.
        var again = new ChaosSender([cluster.Nodes[0]], random);
        await again.SendAsync(tokens, atOnce: 4, ct);
        var (events, repeated, gaps) = await ChaosChecks.JournalAsync(cluster.Journal, ct);
        var (status, body) = await api.SendAsync(HttpMethod.Get, "reconcile", ct);
        var report = status == System.Net.HttpStatusCode.OK ? ReconciliationOutput.Read(body) : null;
        if (report is null)
            Console.WriteLine($"  the reconciliation failed: {(int)status} {body}");
        var duplicates = ChaosChecks.DuplicatePostings(cluster.Odoo);
        var missing = report is null ? -1 : report.Count(DifferenceKind.MissingInOdoo) + report.Count(DifferenceKind.InFlight) + report.Count(DifferenceKind.Parked);
        var reconciled = idle && report is { Unexplained: 0 } && missing == 0 && duplicates == 0 && again.Totals.Accepted == 0 && repeated == 0 && gaps == 0;

        var result = new Dictionary<string, object>
        {
            ["accepted"] = sender.Totals.Accepted, ["resources"] = sender.Totals.Resources, ["sendsRepeated"] = sender.Retries,
            ["lostEvents"] = again.Totals.Accepted, ["journalEvents"] = events, ["duplicateEvents"] = repeated, ["sequenceGaps"] = gaps,
            ["postedToOdoo"] = report?.EntriesChecked ?? 0, ["duplicatePostings"] = duplicates, ["missingPostings"] = missing,
            ["unexplainedDifferences"] = report?.Unexplained ?? -1, ["kills"] = kills, ["restarts"] = kills, ["shardsMoved"] = shards.Moves, ["odooOutageSeconds"] = outage.TotalSeconds,
            ["odooCalls"] = cluster.Odoo.CallCount, ["odooFaultsInjected"] = cluster.Odoo.Faults.Injected, ["sinksIdle"] = idle, ["reconciled"] = reconciled, ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds),
        };
        var table = new TextTable("check", "value");
        foreach (var (name, value) in result)
            table.Add(name, value);
        table.WriteTo(Console.Out);
        if (report is not null && report.Unexplained > 0)
            ReconciliationOutput.Write(report, Console.Out, listed: 20);
        Console.WriteLine(reconciled ? "chaos: nothing lost, nothing doubled, Odoo reconciles" : $"chaos: FAILED (node logs in {options.WorkDir})");
        if (options.Json)
            Console.WriteLine(JsonSerializer.Serialize(result));
        return reconciled ? ExitCodes.Ok : ExitCodes.GoalMissed;
    }

    /// <summary>Until the time is up and the data is sent: every few seconds one node is killed and started again (never two down at once, so a majority stays); once, Odoo goes away for a while.</summary>
    private static async Task<(int Kills, TimeSpan Outage)> MonkeyAsync(ChaosOptions options, ChaosCluster cluster, Task sending, Random random, CancellationToken ct)
    {
        var kills = 0;
        var outage = TimeSpan.FromSeconds(Math.Min(10, options.Duration.TotalSeconds / 4));
        var started = DateTime.UtcNow;
        var outageDone = false;
        while (DateTime.UtcNow - started < options.Duration || !sending.IsCompleted)
        {
            await Task.WhenAny(Task.Delay(options.KillEvery, ct), Task.Delay(Timeout.Infinite, ct));
            if (!outageDone && DateTime.UtcNow - started > options.Duration / 3)
            {
                cluster.Odoo.Faults.StartOutage(outage);
                outageDone = true;
                Console.WriteLine($"  Odoo outage for {outage.TotalSeconds:0} s");
            }
            if (DateTime.UtcNow - started >= options.Duration && sending.IsCompleted)
                break;
            var victim = cluster.Nodes[random.Next(cluster.Nodes.Count)];
            victim.Kill();
            kills++;
            Console.WriteLine($"  kill -9 node {victim.Index + 1} ({(DateTime.UtcNow - started).TotalSeconds:0} s)");
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            victim.Start();
            await victim.WaitReadyAsync(TimeSpan.FromMinutes(3), ct);
        }
        return (kills, outageDone ? outage : TimeSpan.Zero);
    }

    /// <summary>Until the sinks have sent everything (as one node sees all of them), or the time is up.</summary>
    private static async Task<bool> QuiescenceAsync(ManagementClient api, TimeSpan within, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var (status, body) = await api.SendAsync(HttpMethod.Get, "sinks", ct);
                if (status == System.Net.HttpStatusCode.OK && body.GetProperty("idle").GetBoolean())
                    return true;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(1000, ct);
        }
        return false;
    }

    /// <summary>The generated days, each file with the configured source that may send it.</summary>
    internal static async Task<List<(string File, string Source)>> GenerateAsync(ChaosOptions options, Akka.Configuration.Config config, NetworkSettings network, CancellationToken ct)
    {
        var (sources, _) = SourceSettings.From(config, network);
        string sourceOf(string site) => sources.First(s => s.Sites is null || s.Sites.Contains(new Domain.Common.SiteId(site))).Id.Value;
        var folder = Path.Combine(options.WorkDir, "in");
        var generator = new GeneratorOptions(new DateOnly(2026, 2, 2), options.Days, options.EncountersPerDay, options.Seed, 0.05, 0.03, GeneratorOptions.DefaultPayers);
        var files = new List<(string, string)>();
        foreach (var bundle in FhirDataGenerator.Generate(GenerateCommand.Sites(network), generator))
        {
            var path = Path.Combine(folder, bundle.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bundle.Json, ct);
            files.Add((path, sourceOf(bundle.Site)));
        }
        return files;
    }

}
