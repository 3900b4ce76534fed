using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Domain.Common;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Akka.Configuration;

namespace ActorSync.Host.Commands;

/// <summary>
/// <c>actorsync import</c>: FHIR Bundles and Bulk Data NDJSON from files or folders into an embedded
/// single node on the data folder, with progress and a summary. Every count is of resources:
/// accepted (new or newer), duplicates, out of order, rejected (invalid), parked (valid but not
/// mappable, in the exception queue), ignored (types not used).
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders with *.json (Bundles or resources) and *.ndjson", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string>("--source") { Description = "The source these resources come from", DefaultValueFactory = _ => "import" };
        var site = new Option<string?>("--site") { Description = "The source's own site, for resources that name none (e.g. supply deliveries)" };
        var parallelism = new Option<int>("--parallelism") { Description = "Entities written at once", DefaultValueFactory = _ => 64 };
        var json = new Option<bool>("--json") { Description = "Print the counts as one JSON object on the last line" };
        var config = CommonOptions.Config();
        var dataDir = CommonOptions.DataDir();
        var hocon = CommonOptions.HoconFolder();
        var command = new Command("import", "Import FHIR R4 Bundles and NDJSON files into an embedded node (SQLite under --data-dir)")
        {
            paths, source, site, parallelism, json, config, dataDir, hocon,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new NodeOptions
            {
                ConfigFiles = parse.GetValue(config) ?? [],
                DataDir = parse.GetValue(dataDir),
                HoconFolder = parse.GetValue(hocon) ?? HoconFiles.DefaultFolder(),
                Overrides = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.remote.dot-netty.tcp.port = 0"),
            };
            var missing = parse.GetValue(paths)!.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
            if (missing.Count > 0)
            {
                await Console.Error.WriteLineAsync($"actorsync import: {string.Join(", ", missing)}: no such file or folder");
                return ExitCodes.BadConfiguration;
            }
            var files = FhirFiles.Find(parse.GetValue(paths)!);
            if (files.Count == 0 || parse.GetValue(parallelism) < 1 || string.IsNullOrWhiteSpace(parse.GetValue(source)))
            {
                await Console.Error.WriteLineAsync("actorsync import: no *.json or *.ndjson files found in the given paths (or --parallelism < 1, or an empty --source)");
                return ExitCodes.BadConfiguration;
            }
            try
            {
                return await RunAsync(options, files, parse.GetValue(source)!, parse.GetValue(site), parse.GetValue(parallelism), parse.GetValue(json), ct);
            }
            catch (ConfigurationProblem problem)
            {
                await Console.Error.WriteLineAsync($"actorsync: configuration error: {problem.Message}");
                return ExitCodes.BadConfiguration;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(NodeOptions options, IReadOnlyList<string> files, string source, string? siteName, int parallelism, bool json, CancellationToken ct)
    {
        await using var node = await ActorSyncNode.StartAsync(options, ct);
        SiteResolution? sourceSite = null;
        if (siteName is not null)
        {
            var site = new SiteId(siteName);
            sourceSite = node.Network.LegalEntityOf(site) is { } legalEntity
                ? new SiteResolution(site, legalEntity, null)
                : throw new ConfigurationProblem($"--site {siteName} is not a site of the network");
        }
        var session = IngestSession.Start(node, new SourceId(source), sourceSite, parallelism);

        var totals = IngestCounts.Zero;
        var unreadable = new List<string>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < files.Count; i++)
        {
            foreach (var batch in FhirFiles.Read(files[i]))
            {
                if (batch.Problem is not null)
                {
                    unreadable.Add($"{batch.File}: {batch.Problem}");
                    continue;
                }
                totals += (await session.IngestAsync(batch.Entries, cancellationToken: ct)).Counts;
            }
            if (!Console.IsOutputRedirected)
                Console.Write($"\r  [{i + 1}/{files.Count} files] {totals.Resources:N0} resources, {totals.Resources / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}/s   ");
        }
        if (!Console.IsOutputRedirected)
            Console.WriteLine();

        Console.WriteLine($"Imported {files.Count:N0} files in {watch.Elapsed.TotalSeconds:F1}s into {node.Storage.Description}");
        Console.WriteLine($"  {"resources",-12} {totals.Resources,10:N0}");
        Console.WriteLine($"  {"accepted",-12} {totals.Accepted,10:N0}   new, or a newer version");
        Console.WriteLine($"  {"duplicates",-12} {totals.Duplicates,10:N0}   exact repeats, acknowledged without change");
        Console.WriteLine($"  {"out of order",-12} {totals.OutOfOrder,10:N0}   older than what was applied");
        Console.WriteLine($"  {"rejected",-12} {totals.Rejected,10:N0}   not valid FHIR R4 (in the exception queue)");
        Console.WriteLine($"  {"parked",-12} {totals.Parked,10:N0}   valid but not mappable yet (in the exception queue)");
        Console.WriteLine($"  {"ignored",-12} {totals.Ignored,10:N0}   resource types ActorSync does not use");
        foreach (var problem in unreadable)
            Console.WriteLine($"  unreadable: {problem}");
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                resources = totals.Resources, accepted = totals.Accepted, duplicates = totals.Duplicates, outOfOrder = totals.OutOfOrder,
                rejected = totals.Rejected, parked = totals.Parked, ignored = totals.Ignored, files = files.Count, unreadableFiles = unreadable.Count,
            }));
        }
        return unreadable.Count == 0 ? ExitCodes.Ok : ExitCodes.GoalMissed;
    }
}
