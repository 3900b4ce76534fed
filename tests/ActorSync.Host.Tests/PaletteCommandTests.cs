using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Sinks;
using ActorSync.Host.Demo;
using ActorSync.Http.Management;
using Akka.Configuration;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// The operator palette, run as its own process against a node's management API: a node (SQLite,
/// the Odoo simulator) that has taken a generated day, with operators of each role. Northwind's
/// summary entries wait for approval, so approving one is seen end to end, with who approved.
/// </summary>
public sealed class PaletteCommandTests : IAsyncLifetime
{
    private const string Viewer = "viewer-token-0123456789abcdef";
    private const string Approver = "approver-token-0123456789abcdef";
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-palette-").FullName;
    private DemoOdoo? _odoo;
    private ActorSyncNode? _node;
    private ManagementServer? _management;

    public async Task InitializeAsync()
    {
        var options = new DemoOptions { DataDir = Path.Combine(_work, "data"), HoconFolder = HoconFiles.DefaultFolder(), EncountersPerDay = 6 };
        Directory.CreateDirectory(options.DataDir);
        var config = HoconFiles.Load(options.HoconFolder, []);
        var input = await DemoInput.PrepareAsync(options, NetworkSettings.From(config), default);
        _odoo = await DemoOdoo.StartAsync(options, config, NetworkSettings.From(config), default);
        _node = await ActorSyncNode.StartAsync(new NodeOptions
        {
            DataDir = options.DataDir, HoconFolder = options.HoconFolder, SeedNetwork = true,
            Overrides = _odoo.Settings.WithFallback(ConfigurationFactory.ParseString($$"""
                akka.loglevel = WARNING
                akka.remote.dot-netty.tcp.port = 0
                actorsync.sinks.flows.revenue { mode = micro-batch, window = 200ms }
                actorsync.management {
                  port = 0
                  operators {
                    watcher { roles = [viewer], credential-sha256 = "{{Convert.ToHexString(SourceSettings.Hash(Viewer))}}" }
                    finance-lead { roles = [approver], credential-sha256 = "{{Convert.ToHexString(SourceSettings.Hash(Approver))}}" }
                  }
                }
                """)),
        });
        foreach (var feed in input.Feeds)
            await Commands.FileImport.IntoNodeAsync(_node, feed.Files, new Domain.Common.SourceId("palette-test"), new Fhir.Mapping.SiteResolution(feed.Site!.Value, _node.Network.LegalEntityOf(feed.Site.Value)!.Value, null), 16, default);
        Assert.True((await SinkProgress.WaitUntilIdleAsync(_node, TimeSpan.FromMinutes(3), null, default)).Idle);
        _management = await ManagementServer.StartAsync(_node);
    }

    [Fact]
    public async Task Operators_see_the_cluster_sinks_and_approvals_and_only_an_approver_approves()
    {
        var cluster = await PaletteAsync(Viewer, "cluster", "show");
        Assert.Equal(0, cluster.Exit);
        Assert.Contains("Up", cluster.Stdout);
        Assert.Contains("leader:", cluster.Stdout);

        var sinks = Json(await PaletteAsync(Viewer, "sinks", "status", "--json"));
        Assert.Equal(SinkEntity.All(_node!.Network).Count, sinks.GetProperty("sinks").GetArrayLength());
        Assert.Contains(sinks.GetProperty("sinks").EnumerateArray(), s => s.GetProperty("delivered").GetInt64() > 0);

        var staged = Json(await PaletteAsync(Viewer, "approvals", "list", "--json")).GetProperty("postings").EnumerateArray()
            .Select(p => p.GetProperty("key").GetString()!).ToList();
        var summary = Assert.Single(staged, k => k.StartsWith("sum-nw-general-", StringComparison.Ordinal));

        var refused = await PaletteAsync(Viewer, "approvals", "approve", summary);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("does not have the approver role", refused.Stderr);
        var unknown = await PaletteAsync("not-a-token-of-anyone-at-all", "approvals", "list");
        Assert.Equal((2, true), (unknown.Exit, unknown.Stderr.Contains("401", StringComparison.Ordinal)));

        var approved = await PaletteAsync(Approver, "approvals", "approve", summary);
        Assert.True(approved.Exit == 0, approved.Stdout + approved.Stderr);
        Assert.True((await SinkProgress.WaitUntilIdleAsync(_node, TimeSpan.FromMinutes(2), null, default)).Idle);
        Assert.DoesNotContain(summary, (await PaletteAsync(Viewer, "approvals", "list")).Stdout);

        var reconcile = await PaletteAsync(Viewer, "reconcile", "--legal-entity", "northwind-health", "--date", "2026-01-05");
        Assert.True(reconcile.Exit == 0, reconcile.Stderr);
        Assert.True(reconcile.Stdout.Contains("northwind-health", StringComparison.Ordinal), reconcile.Stdout);
        Assert.DoesNotContain("lakeside-care", reconcile.Stdout);
        var report = Output.ReconciliationOutput.Read(Json(await PaletteAsync(Viewer, "reconcile", "--legal-entity", "northwind-health", "--date", "2026-01-05", "--json")));
        Assert.Equal(0, report.Unexplained);
        Assert.NotEmpty(report.Rows);
        Assert.All(report.Rows, r => Assert.Equal(("northwind-health", new DateOnly(2026, 1, 5)), (r.LegalEntity.Value, r.Day)));
        // The approved summary is in Odoo now: the revenue rows match.
        Assert.All(report.Rows.Where(r => r.Account == "400000" && r.Department != "-"), r => Assert.True(r.Matches, $"{r}"));
    }

    [Fact]
    public async Task Entities_shard_stats_and_the_exception_queue_are_readable_and_mistakes_say_so()
    {
        var entity = await PaletteAsync(Viewer, "entity", "show", "legal-entity", "northwind-health");
        Assert.True(entity.Exit == 0, entity.Stderr);
        Assert.Contains("legal-entity-configured", entity.Stdout);
        var missing = await PaletteAsync(Viewer, "entity", "events", "invoice", "nw-general/no-such-claim");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("has no events", missing.Stderr);

        var shards = Json(await PaletteAsync(Viewer, "cluster", "sharding", "shard-stats", "posting-sink", "--json"));
        Assert.Equal(SinkEntity.All(_node!.Network).Count, shards.GetProperty("shards").EnumerateArray().Sum(s => s.GetProperty("entities").GetInt32()));
        var badType = await PaletteAsync(Viewer, "cluster", "sharding", "region-stats", "patients");
        Assert.Equal(2, badType.Exit);

        var exceptions = await PaletteAsync(Viewer, "exceptions", "list");
        Assert.Equal(0, exceptions.Exit);
        Assert.Contains("0 postings", exceptions.Stdout);
        var notParked = await PaletteAsync(Approver, "exceptions", "retry", "inv-nowhere");
        Assert.Equal(2, notParked.Exit);
        Assert.DoesNotContain("   at ", notParked.Stderr);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> PaletteAsync(string token, params string[] args)
    {
        using var palette = ActorSyncProcess.Start(new Dictionary<string, string> { ["ACTORSYNC_MGMT_TOKEN"] = token }, _work, [.. args, "--node", _management!.Address.ToString()]);
        var exit = await palette.WaitForExitAsync(TimeSpan.FromMinutes(1));
        return (exit, palette.Stdout, palette.Stderr);
    }

    private static JsonElement Json((int Exit, string Stdout, string Stderr) run)
    {
        Assert.True(run.Exit == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (_management is not null) await _management.DisposeAsync();
        if (_node is not null) await _node.DisposeAsync();
        if (_odoo is not null) await _odoo.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}
