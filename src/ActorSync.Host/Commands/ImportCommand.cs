using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Actors.Sinks;
using ActorSync.Domain.Common;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using ActorSync.Http.Fhir;
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
    private const string TokenVariable = "ACTORSYNC_TOKEN";

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders with *.json (Bundles or resources) and *.ndjson", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string>("--source") { Description = "The source these resources come from", DefaultValueFactory = _ => "import" };
        var site = new Option<string?>("--site") { Description = "The source's own site, for resources that name none (e.g. supply deliveries)" };
        var parallelism = new Option<int>("--parallelism") { Description = "Entities written at once", DefaultValueFactory = _ => 64 };
        var json = new Option<bool>("--json") { Description = "Print the counts as one JSON object on the last line" };
        var waitForSinks = new Option<bool>("--wait-for-sinks") { Description = "After the import, wait until the posting sinks have sent everything to Odoo (actorsync.odoo), and report it" };
        var sinkTimeout = new Option<int>("--sink-timeout") { Description = "Seconds to wait for the sinks at most", DefaultValueFactory = _ => 300 };
        var nodeUrl = new Option<string?>("--node") { Description = $"Send to a running node's FHIR endpoint (e.g. http://127.0.0.1:8090) as the source whose token is in ${TokenVariable}, instead of an embedded node" };
        var config = CommonOptions.Config();
        var dataDir = CommonOptions.DataDir();
        var hocon = CommonOptions.HoconFolder();
        var command = new Command("import", "Import FHIR R4 Bundles and NDJSON files into an embedded node (SQLite under --data-dir)")
        {
            paths, source, site, parallelism, json, waitForSinks, sinkTimeout, nodeUrl, config, dataDir, hocon,
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
            if (parse.GetValue(nodeUrl) is { } address)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    await Console.Error.WriteLineAsync($"actorsync import: --node {address} is not an http(s) URL such as http://127.0.0.1:8090");
                    return ExitCodes.BadConfiguration;
                }
                // These shape the embedded node; a running node takes the source and its sites from the token.
                var embeddedOnly = CommonOptions.Given(parse, [source, site, parallelism, waitForSinks, sinkTimeout, dataDir, config, hocon]);
                if (embeddedOnly.Count > 0)
                {
                    await Console.Error.WriteLineAsync($"actorsync import: {string.Join(", ", embeddedOnly)}: only for the embedded node, not with --node (the node takes the source and its sites from the token in ${TokenVariable})");
                    return ExitCodes.BadConfiguration;
                }
                if (Environment.GetEnvironmentVariable(TokenVariable) is not { Length: > 0 } token)
                {
                    await Console.Error.WriteLineAsync($"actorsync import: --node needs the source's token in ${TokenVariable} (never on the command line)");
                    return ExitCodes.BadConfiguration;
                }
                return await RunRemoteAsync(url, token, files, parse.GetValue(json), ct);
            }
            try
            {
                var wait = parse.GetValue(waitForSinks) ? TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(sinkTimeout))) : (TimeSpan?)null;
                return await RunAsync(options, files, parse.GetValue(source)!, parse.GetValue(site), parse.GetValue(parallelism), parse.GetValue(json), wait, ct);
            }
            catch (ConfigurationProblem problem)
            {
                await Console.Error.WriteLineAsync($"actorsync: configuration error: {problem.Message}");
                return ExitCodes.BadConfiguration;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(NodeOptions options, IReadOnlyList<string> files, string source, string? siteName, int parallelism, bool json, TimeSpan? waitForSinks, CancellationToken ct)
    {
        // The summary is printed once the node has stopped: what it logs while stopping must not
        // come after the JSON line that scripts read last.
        var node = await ActorSyncNode.StartAsync(options, ct);
        string target;
        FileImportResult imported;
        SinksSummary? sinks;
        await using (node)
        {
            target = node.Storage.Description;
            (imported, sinks) = await ImportIntoAsync(node, files, source, siteName, parallelism, waitForSinks, ct);
        }
        return Summarize(files.Count, imported.Totals, [.. imported.Unreadable], imported.Problems!, imported.Elapsed, target, json, sinks);
    }

    private static async Task<(FileImportResult, SinksSummary?)> ImportIntoAsync(ActorSyncNode node, IReadOnlyList<string> files, string source, string? siteName, int parallelism, TimeSpan? waitForSinks, CancellationToken ct)
    {
        if (waitForSinks is not null && node.Sinks is null)
            throw new ConfigurationProblem($"--wait-for-sinks: the posting sinks are not running ({string.Join("; ", node.Warnings)})");
        SiteResolution? sourceSite = null;
        if (siteName is not null)
        {
            var site = new SiteId(siteName);
            sourceSite = node.Network.LegalEntityOf(site) is { } legalEntity
                ? new SiteResolution(site, legalEntity, null)
                : throw new ConfigurationProblem($"--site {siteName} is not a site of the network");
        }
        var imported = await FileImport.IntoNodeAsync(node, files, new SourceId(source), sourceSite, parallelism, ct);
        var sinks = waitForSinks is { } within ? await SinkProgress.WaitUntilIdleAsync(node, within, SinkProgressLine, ct) : null;
        return (imported, sinks);
    }

    private static void SinkProgressLine(SinksSummary s)
    {
        if (!Console.IsOutputRedirected)
            Console.Write($"\r  posting to Odoo: {s.Delivered:N0} delivered, {s.Pending:N0} pending, {s.Behind} streams still reading, {s.Parked} parked, {s.AwaitingApproval} awaiting approval   ");
    }

    /// <summary>Files sent to a running node, a few at once; the node answers each once its data is durable.</summary>
    private static async Task<int> RunRemoteAsync(Uri node, string token, IReadOnlyList<string> files, bool json, CancellationToken ct)
    {
        using var http = FhirIngestClient.Create(node, token);
        var client = new FhirIngestClient(http);
        var totals = IngestCounts.Zero;
        var unreadable = new List<string>();
        var problems = new ImportProblems();
        var done = 0;
        var watch = Stopwatch.StartNew();
        try
        {
            await FileImport.InReferenceOrderAsync(files, ct, async (file, token) =>
            {
                var answer = await client.SendFileAsync(file, token);
                foreach (var problem in answer.Problems)
                    problems.Add($"{Path.GetFileName(file)}: {problem}");
                lock (unreadable)
                {
                    totals += answer.Counts;
                    if (answer.Problem is not null)
                        unreadable.Add($"{file}: {answer.Problem}");
                    FileImport.Progress(++done, files.Count, totals, watch);
                }
            });
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"actorsync import: the node at {node} cannot be reached: {ex.Message}");
            return ExitCodes.Failure;
        }
        return Summarize(files.Count, totals, unreadable, problems, watch.Elapsed, node.ToString(), json);
    }

    private static int Summarize(int fileCount, IngestCounts totals, List<string> unreadable, ImportProblems problems, TimeSpan elapsed, string target, bool json, SinksSummary? sinks = null)
    {
        if (!Console.IsOutputRedirected)
            Console.WriteLine();

        Console.WriteLine($"Imported {fileCount:N0} files in {elapsed.TotalSeconds:F1}s into {target}");
        Console.WriteLine($"  {"resources",-12} {totals.Resources,10:N0}");
        Console.WriteLine($"  {"accepted",-12} {totals.Accepted,10:N0}   new, or a newer version");
        Console.WriteLine($"  {"duplicates",-12} {totals.Duplicates,10:N0}   exact repeats, acknowledged without change");
        Console.WriteLine($"  {"out of order",-12} {totals.OutOfOrder,10:N0}   older than what was applied");
        Console.WriteLine($"  {"rejected",-12} {totals.Rejected,10:N0}   not valid FHIR R4 (in the exception queue)");
        Console.WriteLine($"  {"parked",-12} {totals.Parked,10:N0}   valid but not mappable yet (in the exception queue)");
        Console.WriteLine($"  {"ignored",-12} {totals.Ignored,10:N0}   resource types ActorSync does not use");
        foreach (var problem in unreadable)
            Console.WriteLine($"  unreadable: {problem}");
        problems.WriteTo(Console.Out);
        if (sinks is not null)
        {
            Console.WriteLine(sinks.Idle ? "Posted to Odoo (the sinks are idle):" : "Posted to Odoo so far (the sinks did not finish in time):");
            Console.WriteLine($"  {"delivered",-18} {sinks.Delivered,10:N0}   postings Odoo holds (this node's sinks, since they started)");
            Console.WriteLine($"  {"pending",-18} {sinks.Pending,10:N0}");
            Console.WriteLine($"  {"awaiting approval",-18} {sinks.AwaitingApproval,10:N0}   staged for a finance approver");
            Console.WriteLine($"  {"parked",-18} {sinks.Parked,10:N0}   in the exception queue with Odoo's reason");
        }
        if (json)
        {
            var counts = new Dictionary<string, object>
            {
                ["resources"] = totals.Resources, ["accepted"] = totals.Accepted, ["duplicates"] = totals.Duplicates, ["outOfOrder"] = totals.OutOfOrder,
                ["rejected"] = totals.Rejected, ["parked"] = totals.Parked, ["ignored"] = totals.Ignored, ["files"] = fileCount, ["unreadableFiles"] = unreadable.Count,
            };
            if (sinks is not null)
            {
                counts["postedToOdoo"] = sinks.Delivered;
                counts["pendingPostings"] = sinks.Pending;
                counts["awaitingApproval"] = sinks.AwaitingApproval;
                counts["parkedPostings"] = sinks.Parked;
                counts["sinksIdle"] = sinks.Idle;
            }
            Console.WriteLine(JsonSerializer.Serialize(counts));
        }
        return unreadable.Count == 0 && sinks is not { Idle: false } ? ExitCodes.Ok : ExitCodes.GoalMissed;
    }
}
