using System.Diagnostics;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Serialization;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Storage;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;

namespace ActorSync.Host.Bench;

/// <summary>
/// Starts a real node on the store, registers the entities, warms up, then sends charge captures
/// (one event each) with bounded parallelism and counts durable acknowledgements per second. Then
/// measures the store's raw ceiling with the same payload size on the same database.
/// </summary>
internal static class JournalBenchmark
{
    public sealed record Settings(int Entities, int Commands, int Parallelism, int Repeat, string HoconFolder, string? PostgresConnection, IReadOnlyList<string> ConfigFiles);

    /// <summary>Medians of the repeated runs, and every run's figure.</summary>
    public sealed record Result(
        string Store, int Entities, int Commands, int Parallelism, int Repeat, double EventsPerSecond, double RawRowsPerSecond, int PayloadBytes,
        IReadOnlyList<double> EventRuns, IReadOnlyList<double> RawRuns)
    {
        public double Ratio => EventsPerSecond / RawRowsPerSecond;
    }

    private static readonly Currency Usd = Currency.Usd;

    /// <summary>Repeats the whole measurement on a fresh store each time and reports medians.</summary>
    public static async Task<Result> RunAsync(string store, Settings settings, CancellationToken ct)
    {
        Console.WriteLine($"== {store}: {settings.Entities:N0} entities, {settings.Commands:N0} commands, parallelism {settings.Parallelism}, {settings.Repeat} runs");
        LocalPostgresServer? server = null;
        try
        {
            if (store == "postgresql" && settings.PostgresConnection is null)
            {
                Console.WriteLine("   starting a throwaway PostgreSQL server (fsync on)...");
                server = await LocalPostgresServer.StartAsync(durable: true, ct);
            }
            var payload = PayloadSize(Charge(settings, "r1-000000", "m", 0));
            var rates = new List<double>();
            var ceilings = new List<double>();
            for (var run = 1; run <= settings.Repeat; run++)
            {
                var pgConnection = store != "postgresql" ? null
                    : server is not null ? await server.CreateDatabaseAsync($"actorsync_bench_{run}", ct)
                    : settings.PostgresConnection;
                var (rate, ceiling) = await RunOnceAsync(store, settings, pgConnection, payload, run, ct);
                rates.Add(rate);
                ceilings.Add(ceiling);
            }
            return new Result(store, settings.Entities, settings.Commands, settings.Parallelism, settings.Repeat, Median(rates), Median(ceilings), payload, rates, ceilings);
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync();
        }
    }

    private static async Task<(double EventsPerSecond, double RawRowsPerSecond)> RunOnceAsync(
        string store, Settings settings, string? pgConnection, int payload, int run, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            double seconds;
            await using (var node = await ActorSyncNode.StartAsync(NodeOptionsFor(store, settings, folder, pgConnection), ct))
            {
                // Ids carry the run and a nonce, so repeated runs on one --pg-connection database never collide.
                var prefix = $"r{run}-{Guid.NewGuid().ToString("N")[..6]}";
                await SendAsync(node, $"run {run}: register", Enumerable.Range(0, settings.Entities).Select(i => Register(prefix, i)), settings.Parallelism, ct);
                await SendAsync(node, $"run {run}: warm-up", Enumerable.Range(0, Math.Max(settings.Commands / 4, settings.Entities)).Select(i => Charge(settings, prefix, "w", i)), settings.Parallelism, ct);
                seconds = await SendAsync(node, $"run {run}: measure", Enumerable.Range(0, settings.Commands).Select(i => Charge(settings, prefix, "m", i)), settings.Parallelism, ct);
            }

            // The ceiling is measured on a fresh database of the same store, so that the journal
            // run's file size and checkpoint state do not slow it down.
            var checkpoint = ActorSyncNode.LoadConfiguration(NodeOptionsFor(store, settings, folder, pgConnection)).Config
                .GetInt("akka.persistence.journal.sql.group-commit.wal-autocheckpoint", 1000);
            var raw = store == "sqlite"
                ? RawInsertCeiling.Sqlite(RawSqliteFile(folder), settings.Commands, 100, payload, checkpoint)
                : await RawInsertCeiling.PostgresAsync(pgConnection!, settings.Commands, 100, payload);
            Console.WriteLine($"   run {run}: raw ceiling {raw:N0} rows/s ({settings.Commands:N0} rows of {payload} bytes, 100 per transaction)");
            return (settings.Commands / seconds, raw);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static NodeOptions NodeOptionsFor(string store, Settings settings, string folder, string? pgConnection) =>
        BenchNodes.Options(store, settings.HoconFolder, settings.ConfigFiles, folder, pgConnection);

    private static async Task<double> SendAsync(ActorSyncNode node, string phase, IEnumerable<ICommand> commands, int parallelism, CancellationToken ct)
    {
        var list = commands.ToList();
        var progress = new BenchProgress(phase, list.Count);
        var watch = Stopwatch.StartNew();
        var rejected = await Source.From(list)
            .SelectAsyncUnordered(parallelism, c => node.SendAsync(c, ct))
            .Select(reply =>
            {
                progress.Step();
                return reply.Outcome == Outcome.Accepted ? 0 : 1;
            })
            .RunAggregate(0, (sum, r) => sum + r, node.System.Materializer());
        watch.Stop();
        progress.Done(watch.Elapsed);
        if (rejected > 0)
            throw new InvalidOperationException($"{rejected} {phase} commands were not accepted: the benchmark would not measure persisted events");
        return watch.Elapsed.TotalSeconds;
    }

    internal static EncounterKey Key(string prefix, int entity) => new(new SiteId("bench-site"), new EncounterId($"{prefix}-enc-{entity}"));

    private static SourceStamp Stamp(string type, string id, int version) =>
        new(new SourceId("bench"), type, id, version, "f" + version, DateTimeOffset.UnixEpoch);

    internal static ICommand Register(string prefix, int entity) => new RecordEncounter(
        Key(prefix, entity), new LegalEntityId("bench-le"), EncounterStatus.InProgress, "AMB",
        new Period(DateTimeOffset.UnixEpoch, null), new DepartmentId("emergency"), null, null, Stamp("Encounter", $"{prefix}-enc-{entity}", 1));

    private static ICommand Charge(Settings settings, string prefix, string phase, int i) => Charge(prefix, i % settings.Entities, $"{phase}-{i}", i);

    /// <summary>One charge (one event) on the entity, with an id of its own.</summary>
    internal static ICommand Charge(string prefix, int entity, string chargeId, int i)
    {
        var line = new ChargeLine(chargeId, "99213", "Office visit", 1m, Money.Of(125.40m + (i % 100), Usd), new DepartmentId("emergency"), DateTimeOffset.UnixEpoch);
        return new CaptureCharge(Key(prefix, entity), line, Stamp("ChargeItem", chargeId, 1));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string RawSqliteFile(string folder)
    {
        var file = Path.Combine(folder, "raw-ceiling.db");
        SqliteJournalFile.Prepare(file, "wal");
        return SqliteJournalFile.ConnectionString(file);
    }

    private static int PayloadSize(ICommand command)
    {
        var charge = (CaptureCharge)command;
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new ChargeCaptured(charge.Charge, charge.Stamp), ActorSyncSerializer.Options).Length;
    }
}
