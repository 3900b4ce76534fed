using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Domain.Common;
using ActorSync.Host.Commands;
using ActorSync.Host.Output;
using ActorSync.Storage;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;

namespace ActorSync.Host.Bench;

/// <summary>
/// <c>actorsync bench recovery</c>: a node writes N events over E encounters and stops; a new node
/// starts on the same journal and every entity is asked for its state, which makes it replay its
/// events. Timed: the node's start, and until every entity has answered with all its events.
/// </summary>
internal static class RecoveryBenchmark
{
    public sealed record Result(string Store, int Entities, long Events, int? SnapshotEvery, double WriteSeconds, double StartSeconds, double RecoverySeconds)
    {
        public double EventsPerSecond => Events / RecoverySeconds;
    }

    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "sqlite, postgresql or both", DefaultValueFactory = _ => "both" };
        var events = new Option<int>("--events") { Description = "Events written, then recovered", DefaultValueFactory = _ => 100_000 };
        var entities = new Option<int>("--entities") { Description = "Encounters the events are spread over", DefaultValueFactory = _ => 1000 };
        var snapshots = new Option<int>("--snapshot-every") { Description = "Snapshot after this many events (0: none, so recovery replays every event)", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "The figures as one JSON object on the last line" };
        var hocon = CommonOptions.HoconFolder();
        var command = new Command("recovery", "Recovery of N journaled events by a node started on the journal: start time, and until every entity has replayed") { store, events, entities, snapshots, json, hocon };
        command.SetAction(async (parse, ct) =>
        {
            var stores = BenchStores.Parse(parse.GetValue(store));
            var (n, e, every) = (parse.GetValue(events), parse.GetValue(entities), parse.GetValue(snapshots));
            if (stores is null || e < 1 || n < e || every < 0)
            {
                await Console.Error.WriteLineAsync("actorsync bench recovery: --store is sqlite, postgresql or both; --events at least --entities (1 or more); --snapshot-every 0 or more");
                return ExitCodes.BadConfiguration;
            }
            var results = new List<Result>();
            foreach (var s in stores)
                results.Add(await RunAsync(s, n, e, every == 0 ? null : every, parse.GetValue(hocon) ?? HoconFiles.DefaultFolder(), ct));
            var table = new TextTable("store", "entities", "events", "snapshots", "write s", "node start s", "recovery s", "events/s replayed");
            foreach (var r in results)
                table.Add(r.Store, r.Entities, r.Events, r.SnapshotEvery is { } k ? $"every {k}" : "none", F(r.WriteSeconds), F(r.StartSeconds), F(r.RecoverySeconds), r.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            table.WriteTo(Console.Out);
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "recovery", results }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);

    private static async Task<Result> RunAsync(string store, int events, int entities, int? snapshotEvery, string hoconFolder, CancellationToken ct)
    {
        Console.WriteLine($"== {store}: {events:N0} events over {entities:N0} encounters, snapshots {(snapshotEvery is { } k ? $"every {k}" : "none")}");
        var folder = Directory.CreateTempSubdirectory("actorsync-bench-recovery-").FullName;
        LocalPostgresServer? server = null;
        try
        {
            string? pg = null;
            if (store == "postgresql")
            {
                Console.WriteLine("   starting a throwaway PostgreSQL server (fsync on)...");
                server = await LocalPostgresServer.StartAsync(durable: true, ct);
                pg = await server.CreateDatabaseAsync("actorsync_bench_recovery", ct);
            }
            var options = BenchNodes.Options(store, hoconFolder, [], folder, pg, $"actorsync.entities.snapshot-every = {snapshotEvery ?? int.MaxValue}\n");
            var perEntity = Split(events, entities);
            double write;
            await using (var writer = await ActorSyncNode.StartAsync(options, ct))
                write = await WriteAsync(writer, perEntity, ct);

            var start = Stopwatch.StartNew();
            await using var reader = await ActorSyncNode.StartAsync(options, ct);
            start.Stop();
            var (seconds, replayed) = await RecoverAsync(reader, entities, ct);
            if (replayed != events)
                throw new InvalidOperationException($"the entities answered with {replayed:N0} events of the {events:N0} written: the benchmark would not measure a whole recovery");
            return new Result(store, entities, events, snapshotEvery, write, start.Elapsed.TotalSeconds, seconds);
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Events per entity: a registration and charges, the remainder spread over the first entities.</summary>
    private static int[] Split(int events, int entities) =>
        [.. Enumerable.Range(0, entities).Select(i => events / entities + (i < events % entities ? 1 : 0))];

    /// <summary>Each entity's commands in batches of 100 (one write each), 64 entities at once.</summary>
    private static async Task<double> WriteAsync(ActorSyncNode node, int[] perEntity, CancellationToken ct)
    {
        // An entity's batches go one after the other, so that the registration comes first.
        var byEntity = perEntity.Select((count, entity) => Commands(entity, count).Chunk(100).ToList()).ToList();
        var progress = new BenchProgress("write (batches of 100)", byEntity.Sum(b => b.Count));
        var watch = Stopwatch.StartNew();
        await Source.From(byEntity)
            .SelectAsyncUnordered(64, async batches =>
            {
                foreach (var batch in batches)
                {
                    var replies = await node.SendAsync(batch, ct);
                    if (replies.Any(r => r.Outcome != Outcome.Accepted))
                        throw new InvalidOperationException($"a write was not accepted: {replies.First(r => r.Outcome != Outcome.Accepted).Outcome}");
                    progress.Step();
                }
                return 0;
            })
            .RunWith(Sink.Ignore<int>(), node.System.Materializer());
        progress.Done(watch.Elapsed);
        return watch.Elapsed.TotalSeconds;
    }

    private const string Prefix = "recovery";

    private static IEnumerable<ICommand> Commands(int entity, int count) =>
        count == 0 ? [] : [JournalBenchmark.Register(Prefix, entity), .. Enumerable.Range(1, count - 1).Select(i => JournalBenchmark.Charge(Prefix, entity, $"e{entity}-c{i}", i))];

    /// <summary>Every entity asked for its state (64 at once): it answers once it has replayed its events.</summary>
    private static async Task<(double Seconds, long Events)> RecoverAsync(ActorSyncNode node, int entities, CancellationToken ct)
    {
        var progress = new BenchProgress("recover", entities);
        var watch = Stopwatch.StartNew();
        var events = await Source.From(Enumerable.Range(0, entities))
            .SelectAsyncUnordered(64, i => node.GetStateAsync(EntityTypes.Encounter, JournalBenchmark.Key(Prefix, i).ToString(), ct))
            .Select(state =>
            {
                progress.Step();
                return state.SequenceNr;
            })
            .RunAggregate(0L, (sum, n) => sum + n, node.System.Materializer());
        watch.Stop();
        progress.Done(watch.Elapsed);
        return (watch.Elapsed.TotalSeconds, events);
    }
}
