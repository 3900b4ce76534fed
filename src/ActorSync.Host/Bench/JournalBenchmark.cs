using System.Diagnostics;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Serialization;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Storage;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSync.Host.Bench;

/// <summary>
/// Starts a real node on the store, registers the entities, warms up, then sends charge captures
/// (one event each) with bounded parallelism and counts durable acknowledgements per second. Then
/// measures the store's raw ceiling with the same payload size on the same database.
/// </summary>
internal static class JournalBenchmark
{
    public sealed record Settings(int Entities, int Commands, int Parallelism, string HoconFolder, string? PostgresConnection, IReadOnlyList<string> ConfigFiles);

    public sealed record Result(string Store, int Entities, int Commands, int Parallelism, double Seconds, double EventsPerSecond, double RawRowsPerSecond, int PayloadBytes)
    {
        public double Ratio => EventsPerSecond / RawRowsPerSecond;
    }

    private static readonly Currency Usd = Currency.Usd;

    public static async Task<Result> RunAsync(string store, Settings settings, CancellationToken ct)
    {
        Console.WriteLine($"== {store}: {settings.Entities:N0} entities, {settings.Commands:N0} commands, parallelism {settings.Parallelism}");
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-bench-" + Guid.NewGuid().ToString("N")[..8]);
        LocalPostgresServer? server = null;
        try
        {
            string? pgConnection = null;
            if (store == "postgresql")
            {
                pgConnection = settings.PostgresConnection;
                if (pgConnection is null)
                {
                    Console.WriteLine("   starting a throwaway PostgreSQL server (fsync on)...");
                    server = await LocalPostgresServer.StartAsync(durable: true, ct);
                    pgConnection = await server.CreateDatabaseAsync("actorsync_bench", ct);
                }
            }

            var options = NodeOptionsFor(store, settings, folder, pgConnection);
            double eventsPerSecond, seconds;
            string connectionString;
            await using (var node = await ActorSyncNode.StartAsync(options, ct))
            {
                connectionString = node.Storage.ConnectionString;
                await SendAsync(node, "register", Enumerable.Range(0, settings.Entities).Select(Register), settings.Parallelism, ct);
                await SendAsync(node, "warm-up", Enumerable.Range(0, Math.Max(settings.Commands / 10, settings.Entities)).Select(i => Charge(settings, "w", i)), settings.Parallelism, ct);
                seconds = await SendAsync(node, "measure", Enumerable.Range(0, settings.Commands).Select(i => Charge(settings, "m", i)), settings.Parallelism, ct);
                eventsPerSecond = settings.Commands / seconds;
            }

            var payload = ActorSyncSerializerPayloadSize(Charge(settings, "m", 0));
            Console.WriteLine($"   raw ceiling: {settings.Commands:N0} rows of {payload} bytes, 100 per transaction...");
            var raw = store == "sqlite"
                ? RawInsertCeiling.Sqlite(connectionString, settings.Commands, 100, payload)
                : await RawInsertCeiling.PostgresAsync(connectionString, settings.Commands, 100, payload);
            return new Result(store, settings.Entities, settings.Commands, settings.Parallelism, seconds, eventsPerSecond, raw, payload);
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static NodeOptions NodeOptionsFor(string store, Settings settings, string folder, string? pgConnection)
    {
        var overrides = "akka.remote.dot-netty.tcp.port = 0\nakka.loglevel = WARNING\n";
        if (pgConnection is not null)
            overrides += $"actorsync.storage.postgresql.connection-string = \"{pgConnection}\"\n";
        return new NodeOptions
        {
            HoconFolder = settings.HoconFolder,
            ConfigFiles = store == "postgresql" ? [Path.Combine(settings.HoconFolder, "persistence-postgresql.conf"), .. settings.ConfigFiles] : settings.ConfigFiles,
            DataDir = folder,
            Overrides = ConfigurationFactory.ParseString(overrides),
            SeedNetwork = false,
        };
    }

    private static async Task<double> SendAsync(ActorSyncNode node, string phase, IEnumerable<ICommand> commands, int parallelism, CancellationToken ct)
    {
        var list = commands.ToList();
        var progress = new Progress(phase, list.Count);
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

    private static EncounterKey Key(int entity) => new(new SiteId("bench-site"), new EncounterId("enc-" + entity));

    private static SourceStamp Stamp(string type, string id, int version) =>
        new(new SourceId("bench"), type, id, version, "f" + version, DateTimeOffset.UnixEpoch);

    private static ICommand Register(int entity) => new RecordEncounter(
        Key(entity), new LegalEntityId("bench-le"), EncounterStatus.InProgress, "AMB",
        new Period(DateTimeOffset.UnixEpoch, null), new DepartmentId("emergency"), null, null, Stamp("Encounter", "enc-" + entity, 1));

    private static ICommand Charge(Settings settings, string phase, int i)
    {
        var chargeId = $"{phase}-{i}";
        var line = new ChargeLine(chargeId, "99213", "Office visit", 1m, Money.Of(125.40m + (i % 100), Usd), new DepartmentId("emergency"), DateTimeOffset.UnixEpoch);
        return new CaptureCharge(Key(i % settings.Entities), line, Stamp("ChargeItem", chargeId, 1));
    }

    private static int ActorSyncSerializerPayloadSize(ICommand command)
    {
        var charge = (CaptureCharge)command;
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new ChargeCaptured(charge.Charge, charge.Stamp), ActorSyncSerializer.Options).Length;
    }

    /// <summary>A one-line progress report on the terminal, refreshed at most every 250 ms.</summary>
    private sealed class Progress(string phase, int total)
    {
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private int _done;

        public void Step()
        {
            var done = Interlocked.Increment(ref _done);
            if (_since.ElapsedMilliseconds < 250 || Console.IsOutputRedirected)
                return;
            _since.Restart();
            Console.Write($"\r   {phase}: {done:N0}/{total:N0}   ");
        }

        public void Done(TimeSpan elapsed)
        {
            if (!Console.IsOutputRedirected)
                Console.Write("\r");
            Console.WriteLine($"   {phase}: {total:N0} in {elapsed.TotalSeconds:F2}s = {total / elapsed.TotalSeconds:N0}/s");
        }
    }
}
