using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Actors.Reconciliation;
using ActorSync.Actors.Sinks;
using ActorSync.Domain.Common;
using ActorSync.Domain.Reconciliation;
using ActorSync.Fhir.Mapping;
using ActorSync.Host.Commands;
using ActorSync.Http;
using ActorSync.Http.Management;
using Akka.Configuration;

namespace ActorSync.Host.Demo;

/// <summary>
/// The demo end to end: a single node on SQLite, Odoo (the simulator unless told otherwise), the
/// sample network's day or the given data, the sinks drained, and a report with the reconciliation.
/// </summary>
internal static class DemoRun
{
    public static async Task<int> RunAsync(DemoOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(options.DataDir);
        var network = NetworkSettings.From(HoconFiles.Load(options.HoconFolder, options.ConfigFiles));
        var input = await DemoInput.PrepareAsync(options, network, ct);
        var config = HoconFiles.Load(options.HoconFolder, input.ConfigFiles);
        network = NetworkSettings.From(config);
        await using var odoo = await DemoOdoo.StartAsync(options, config, network, ct);
        Console.WriteLine("ActorSync demo");
        Console.WriteLine($"  input:   {input.Description}");
        Console.WriteLine($"  odoo:    {odoo.Description}");

        var overrides = odoo.Settings.WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.remote.dot-netty.tcp.port = 0"));
        var node = await ActorSyncNode.StartAsync(new NodeOptions
        {
            ConfigFiles = input.ConfigFiles, DataDir = options.DataDir, HoconFolder = options.HoconFolder, Overrides = overrides, SeedNetwork = true,
        }, ct);
        DemoReport report;
        await using (node)
        {
            report = await RunOnNodeAsync(node, input, options, ct);
            if (options.KeepRunning)
            {
                if (options.Json)
                    Console.WriteLine(report.Json());
                await KeepRunningAsync(node, ct);
            }
        }
        // After the node stopped: what it logs while stopping must not come after the JSON line that scripts read last.
        if (options.Json && !options.KeepRunning)
            Console.WriteLine(report.Json());
        return report.Succeeded ? ExitCodes.Ok : ExitCodes.GoalMissed;
    }

    private static async Task<DemoReport> RunOnNodeAsync(ActorSyncNode node, DemoInput input, DemoOptions options, CancellationToken ct)
    {
        if (node.Sinks is null)
            throw new ConfigurationProblem($"the posting sinks did not start: {string.Join("; ", node.Warnings)}");
        Console.WriteLine($"  journal: {node.Storage.Description}");

        var imported = await ImportAsync(node, input, ct);
        if (!Console.IsOutputRedirected)
            Console.WriteLine();
        var sinks = await SinkProgress.WaitUntilIdleAsync(node, options.SinkTimeout, SinkProgressLine, ct);
        if (!Console.IsOutputRedirected)
            Console.WriteLine();

        var ledger = await PostingLedgerReader.ReadAsync(node.System, node.Network, ct);
        var reconciliation = await ReconciliationService.RunAsync(node, ledger, ReconciliationScope.Everything, ct);
        var report = new DemoReport(imported, sinks, ledger, reconciliation, node.Network);
        report.Write(Console.Out);
        return report;
    }

    private static async Task<FileImportResult> ImportAsync(ActorSyncNode node, DemoInput input, CancellationToken ct)
    {
        var totals = IngestCounts.Zero;
        var unreadable = new List<string>();
        var elapsed = TimeSpan.Zero;
        foreach (var feed in input.Feeds)
        {
            var site = feed.Site is { } s && node.Network.LegalEntityOf(s) is { } legalEntity ? new SiteResolution(s, legalEntity, null) : null;
            var source = new SourceId(feed.Site is { } named ? $"demo-{named}" : "demo");
            var result = await FileImport.IntoNodeAsync(node, feed.Files, source, site, 64, ct);
            (totals, elapsed) = (totals + result.Totals, elapsed + result.Elapsed);
            unreadable.AddRange(result.Unreadable);
        }
        return new FileImportResult(totals, unreadable, elapsed);
    }

    private static void SinkProgressLine(SinksSummary s)
    {
        if (!Console.IsOutputRedirected)
            Console.Write($"\r  posting to Odoo: {s.Delivered:N0} delivered, {s.Pending:N0} pending, {s.AwaitingApproval} awaiting approval, {s.Parked} parked   ");
    }

    /// <summary>The node stays up with its FHIR endpoint and management API, for exploring with the palette, until Ctrl+C or SIGTERM.</summary>
    private static async Task KeepRunningAsync(ActorSyncNode node, CancellationToken ct)
    {
        // A token for this run only, with the operator and approver roles, printed once for the palette.
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var (settings, warnings) = ManagementSettings.From(node.Config);
        settings = settings with { Operators = [.. settings.Operators, new OperatorSettings("demo", OperatorRoles.Viewer | OperatorRoles.Operator | OperatorRoles.Approver, SourceSettings.Hash(token))] };
        await using var http = HttpSettings.From(node.Config).Enabled ? await IngestServer.StartAsync(node, ct) : null;
        await using var management = await ManagementServer.StartAsync(node, settings, [], ct);
        Console.WriteLine();
        Console.WriteLine("The node keeps running (--keep-running):");
        Console.WriteLine($"  FHIR endpoint:  {(http is null ? "off" : new Uri(http.Address, "fhir"))}");
        Console.WriteLine($"  management API: {management.Address}");
        Console.WriteLine("  the palette, in another terminal (the token is for this run only):");
        Console.WriteLine($"    export {Palette.ManagementClient.TokenVariable}={token}");
        Console.WriteLine($"    actorsync approvals list --node {management.Address}   # also: sinks status, exceptions list, reconcile, cluster show");
        Console.WriteLine("Press Ctrl+C (or send SIGTERM) to stop.");
        await StopSignal.WaitAsync(ct);
    }
}
