using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Host.Commands;

namespace ActorSync.Host.Bench;

/// <summary><c>actorsync bench journal</c>: persisted events/s through the sharded entities against the store's raw ceiling.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "sqlite, postgresql or both", DefaultValueFactory = _ => "both" };
        var entities = new Option<int>("--entities") { Description = "Entities the commands are spread over", DefaultValueFactory = _ => 1000 };
        var commands = new Option<int>("--commands") { Description = "Measured commands (one event each)", DefaultValueFactory = _ => 50_000 };
        var parallelism = new Option<int>("--parallelism") { Description = "Commands in flight at once", DefaultValueFactory = _ => 256 };
        var repeat = new Option<int>("--repeat") { Description = "Measured runs per store; the median is reported", DefaultValueFactory = _ => 3 };
        var pg = new Option<string?>("--pg-connection") { Description = "Use this PostgreSQL instead of starting a throwaway server" };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object on the last line" };
        var hocon = CommonOptions.HoconFolder();
        var config = CommonOptions.Config();

        var journal = new Command("journal", "Persisted events/s through sharded entities vs the raw batched-insert ceiling of the same store")
        {
            store, entities, commands, parallelism, repeat, pg, json, hocon, config,
        };
        journal.SetAction(async (parse, ct) =>
        {
            var stores = BenchStores.Parse(parse.GetValue(store));
            if (stores is null || parse.GetValue(entities) < 1 || parse.GetValue(commands) < 1 || parse.GetValue(parallelism) < 1 || parse.GetValue(repeat) < 1)
            {
                await Console.Error.WriteLineAsync("actorsync bench journal: --store is sqlite, postgresql or both; counts must be positive");
                return ExitCodes.BadConfiguration;
            }
            var settings = new JournalBenchmark.Settings(
                parse.GetValue(entities), parse.GetValue(commands), parse.GetValue(parallelism), parse.GetValue(repeat),
                parse.GetValue(hocon) ?? HoconFiles.DefaultFolder(), parse.GetValue(pg), parse.GetValue(config) ?? []);
            var results = new List<JournalBenchmark.Result>();
            foreach (var s in stores)
                results.Add(await JournalBenchmark.RunAsync(s, settings, ct));

            Console.WriteLine();
            Console.WriteLine($"{"store",-12} {"events/s",12} {"raw rows/s",12} {"ratio",8}  goal >= 25%   (medians of {parse.GetValue(repeat)} runs)");
            foreach (var r in results)
                Console.WriteLine($"{r.Store,-12} {r.EventsPerSecond,12:N0} {r.RawRowsPerSecond,12:N0} {r.Ratio,8:P1}  {(r.Ratio >= 0.25 ? "met" : "MISSED")}");
            foreach (var r in results)
                Console.WriteLine($"  {r.Store}: events/s runs {string.Join(", ", r.EventRuns.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))}; raw rows/s runs {string.Join(", ", r.RawRuns.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))}");
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "journal", results }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return results.All(r => r.Ratio >= 0.25) ? ExitCodes.Ok : ExitCodes.GoalMissed;
        });

        var ingestStore = new Option<string>("--store") { Description = "sqlite, postgresql or both", DefaultValueFactory = _ => "sqlite" };
        var days = new Option<int>("--days") { Description = "Days of generated data for the sample network (about 2,000 resources a day)", DefaultValueFactory = _ => 2 };
        var perDay = new Option<int>("--encounters-per-day") { Description = "Encounters per site and day", DefaultValueFactory = _ => 150 };
        var ingestParallelism = new Option<int>("--parallelism") { Description = "Entities one bundle writes to at once", DefaultValueFactory = _ => 64 };
        var concurrency = new Option<int>("--concurrency") { Description = "Bundles ingested at once in the peak phase", DefaultValueFactory = _ => 4 };
        var latencySeconds = new Option<int>("--latency-seconds") { Description = "Length of the latency phase at half the peak rate", DefaultValueFactory = _ => 20 };
        var ingestHocon = CommonOptions.HoconFolder();
        var ingestJson = new Option<bool>("--json") { Description = "Print the results as one JSON object on the last line" };
        var ingest = new Command("ingest", "Generated FHIR: parse-only ceiling, peak ingest until durable, and request latency at half the peak")
        {
            ingestStore, days, perDay, ingestParallelism, concurrency, latencySeconds, ingestHocon, ingestJson,
        };
        ingest.SetAction(async (parse, ct) =>
        {
            var stores = BenchStores.Parse(parse.GetValue(ingestStore));
            if (stores is null || parse.GetValue(days) < 1 || parse.GetValue(perDay) < 1 || parse.GetValue(ingestParallelism) < 1 || parse.GetValue(concurrency) < 1 || parse.GetValue(latencySeconds) < 1)
            {
                await Console.Error.WriteLineAsync("actorsync bench ingest: --store is sqlite, postgresql or both; the other values must be positive");
                return ExitCodes.BadConfiguration;
            }
            var results = new List<IngestBenchmark.Result>();
            foreach (var store in stores)
            {
                Console.WriteLine($"== ingest on {store}: {parse.GetValue(days)} day(s), {parse.GetValue(perDay)} encounters per site and day");
                results.Add(await IngestBenchmark.RunAsync(new IngestBenchmark.Settings(store, parse.GetValue(days), parse.GetValue(perDay), parse.GetValue(ingestParallelism),
                    parse.GetValue(concurrency), parse.GetValue(latencySeconds), parse.GetValue(ingestHocon) ?? HoconFiles.DefaultFolder()), ct));
            }
            Console.WriteLine();
            Console.WriteLine($"{"store",-11} {"mapped",9} {"parse-only/s",13} {"durable/s",10} {"ratio",6} {"p50 ms",7} {"p99 ms",7}   goals: durable >= 10,000/s and >= 50% of parse-only; p99 < 50 ms");
            foreach (var r in results)
                Console.WriteLine($"{r.Store,-11} {r.MappedResources,9:N0} {r.ParseOnlyPerSecond,13:N0} {r.DurablePerSecond,10:N0} {r.Ratio,6:P0} {r.P50Milliseconds,7:F1} {r.P99Milliseconds,7:F1}");
            if (parse.GetValue(ingestJson))
                Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "ingest", results }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return results.All(r => r.DurablePerSecond >= 10_000 && r.Ratio >= 0.5 && r.P99Milliseconds < 50) ? ExitCodes.Ok : ExitCodes.GoalMissed;
        });

        return new Command("bench", "Benchmarks that print figures (see docs/benchmarks.md)") { journal, ingest, OdooBenchCommand(), SinkBenchCommand(), ClusterBenchmark.Create(), RecoveryBenchmark.Create() };
    }

    private static Command SinkBenchCommand()
    {
        var invoices = new Option<int>("--invoices") { Description = "Invoices in the throughput runs", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<int>("--seconds") { Description = "Length of the real-time latency run at half the micro-batch throughput", DefaultValueFactory = _ => 10 };
        var hocon = CommonOptions.HoconFolder();
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object on the last line" };
        var sinks = new Command("sinks", "Issued invoices through the posting sinks into the Odoo simulator (50 ms and 0 ms a call): micro-batch throughput against raw batched calls, real-time latency at half load")
        {
            invoices, seconds, hocon, json,
        };
        sinks.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(invoices) < 1 || parse.GetValue(seconds) < 1)
            {
                await Console.Error.WriteLineAsync("actorsync bench sinks: --invoices and --seconds must be positive");
                return ExitCodes.BadConfiguration;
            }
            var results = new List<SinkBenchmark.Result>();
            foreach (var latency in new[] { TimeSpan.FromMilliseconds(50), TimeSpan.Zero })
                results.Add(await SinkBenchmark.RunAsync(latency, parse.GetValue(invoices), parse.GetValue(seconds), parse.GetValue(hocon) ?? HoconFiles.DefaultFolder(), ct));
            Console.WriteLine();
            Console.WriteLine($"{"latency",8} {"raw batch/s",12} {"raw+xmlid/s",12} {"micro-batch/s",14} {"10-90%/s",9} {"ratio",7} {"vs xmlid",9} {"half load/s",12} {"p50 ms",7} {"p99 ms",7}   goals: micro-batch >= 95% of raw batched; real-time p99 < 1000 ms at half load");
            foreach (var r in results)
                Console.WriteLine($"{r.LatencyMs + " ms",8} {r.RawBatchedPerSecond,12:N0} {r.RawWithExternalIdsPerSecond,12:N0} {r.MicroBatchPerSecond,14:N0} {r.MicroBatchSteadyPerSecond,9:N0} {r.Ratio,7:P0} {r.RatioToSameWrites,9:P0} {r.HalfLoadPerSecond,12:N0} {r.P50Ms,7:F0} {r.P99Ms,7:F0}");
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "sinks", results }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return results.All(r => r.Ratio >= 0.95 && r.P99Ms < 1000) ? ExitCodes.Ok : ExitCodes.GoalMissed;
        });
        return sinks;
    }

    private static Command OdooBenchCommand()
    {
        var costs = new Option<string>("--costs") { Description = "The simulator's latency: odoo19 (a real Odoo 19, one worker), none, or both", DefaultValueFactory = _ => "both" };
        var batched = new Option<int>("--invoices") { Description = "Invoices per batched run", DefaultValueFactory = _ => 1000 };
        var single = new Option<int>("--single") { Description = "Invoices per one-per-call run", DefaultValueFactory = _ => 100 };
        var batchSize = new Option<int>("--batch-size") { Description = "Invoices per multi-record call", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object on the last line" };
        var odoo = new Command("odoo", "Invoices/s into the Odoo simulator: raw calls vs the connector's full path, one per call vs batched")
        {
            costs, batched, single, batchSize, json,
        };
        odoo.SetAction(async (parse, ct) =>
        {
            var profiles = parse.GetValue(costs) switch
            {
                "both" => new[] { "odoo19", "none" },
                "odoo19" or "none" => [parse.GetValue(costs)!],
                _ => null,
            };
            if (profiles is null || parse.GetValue(batched) < 1 || parse.GetValue(single) < 1 || parse.GetValue(batchSize) < 1)
            {
                await Console.Error.WriteLineAsync("actorsync bench odoo: --costs is odoo19, none or both; counts must be positive");
                return ExitCodes.BadConfiguration;
            }
            var results = new List<OdooBenchmark.Result>();
            foreach (var profile in profiles)
                results.Add(await OdooBenchmark.RunAsync(new OdooBenchmark.Settings(profile, parse.GetValue(batched), parse.GetValue(single), parse.GetValue(batchSize)), ct));
            Console.WriteLine();
            Console.WriteLine($"{"costs",-7} {"raw 1/call",11} {"raw batch",10} {"raw+xmlid",10} {"client 1",9} {"client batch",13} {"1st attempt",12} {"vs xmlid",9} {"vs bare",8} {"batching",9}   goals: overhead vs bare raw calls < 10%, batching >= 10x");
            foreach (var r in results)
                Console.WriteLine($"{r.Costs,-7} {r.RawSingle,11:N1} {r.RawBatched,10:N1} {r.RawBatchedWithExternalIds,10:N1} {r.ClientSingle,9:N1} {r.ClientBatched,13:N1} {r.ClientBatchedFirstAttempt,12:N1} {r.ClientOverhead,9:P1} {r.OverheadOverBareCalls,8:P1} {r.BatchingGain,8:N1}x");
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "odoo", results }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            var odoo19 = results.FirstOrDefault(r => r.Costs == "odoo19");
            return odoo19 is null || (odoo19.OverheadOverBareCalls < 0.10 && odoo19.BatchingGain >= 10) ? ExitCodes.Ok : ExitCodes.GoalMissed;
        });
        return odoo;
    }
}
