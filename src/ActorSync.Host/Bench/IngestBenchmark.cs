using System.Diagnostics;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Domain.Common;
using ActorSync.Fhir.Generation;
using ActorSync.Fhir.Parsing;
using ActorSync.Host.Commands;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace ActorSync.Host.Bench;

/// <summary>
/// Generated bundles of the sample network: how fast this machine merely parses the resources
/// ActorSync maps (strict Hl7.Fhir.R4, one thread: the ceiling of any FHIR pipeline here), and how
/// fast they go through the whole ingest path until durable in the entities (embedded SQLite).
/// </summary>
internal static class IngestBenchmark
{
    public sealed record Result(int Bundles, int MappedResources, int AllResources, double ParseOnlyPerSecond, double DurablePerSecond, IngestCounts Counts)
    {
        public double Ratio => DurablePerSecond / ParseOnlyPerSecond;
    }

    public static async Task<Result> RunAsync(string hoconFolder, int days, int encountersPerDay, int parallelism, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-ingest-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new NodeOptions
        {
            HoconFolder = hoconFolder,
            DataDir = folder,
            Overrides = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.remote.dot-netty.tcp.port = 0"),
        };
        try
        {
            var (_, _, network) = ActorSyncNode.LoadConfiguration(options);
            var generated = FhirDataGenerator.Generate(GenerateCommand.Sites(network),
                new GeneratorOptions(new DateOnly(2026, 1, 5), days, encountersPerDay, 42, 0.05, 0.03, GeneratorOptions.DefaultPayers)).ToList();
            var bundles = generated.Select(b => BundleReader.TryRead(b.Json, out var content, out var problem) ? content! : throw new InvalidOperationException(problem)).ToList();
            Console.WriteLine($"   generated {bundles.Count} bundles, {bundles.Sum(b => b.Entries.Count):N0} resources");

            var parser = new FhirResourceParser();
            var mapped = 0;
            var watch = Stopwatch.StartNew();
            foreach (var entry in bundles.SelectMany(b => b.Entries))
            {
                if (ResourceHeader.TryRead(entry.Resource, out var header, out _) && ResourceKinds.IsUsed(header.ResourceType) && parser.Parse(entry.Resource).Succeeded)
                    mapped++;
            }
            var parseOnly = mapped / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"   parse only: {mapped:N0} used resources in {watch.Elapsed.TotalSeconds:F2}s = {parseOnly:N0}/s");

            await using var node = await ActorSyncNode.StartAsync(options, ct);
            var session = await IngestSession.StartAsync(node, new SourceId("bench"), null, parallelism);
            var counts = IngestCounts.Zero;
            watch.Restart();
            foreach (var bundle in bundles)
                counts += (await session.IngestAsync(bundle.Entries, cancellationToken: ct)).Counts;
            var durable = (counts.Accepted + counts.Duplicates + counts.OutOfOrder + counts.Parked) / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"   ingest until durable: {counts.Resources:N0} resources in {watch.Elapsed.TotalSeconds:F2}s; mapped and answered {durable:N0}/s");
            return new Result(bundles.Count, mapped, counts.Resources, parseOnly, durable, counts);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
