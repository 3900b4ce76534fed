using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Storage;
using Npgsql;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// Three <c>actorsync node</c> processes on loopback form one cluster from HOCON seed nodes on a
/// throwaway PostgreSQL journal: each is ready only once it has joined, any of them takes FHIR for
/// any entity, shards spread over all three, and a node given SIGTERM leaves gracefully (its shards
/// move) while the others keep serving — nothing written through it is lost.
/// </summary>
public sealed class MultiNodeClusterTests : IAsyncLifetime
{
    private const string SourceToken = "a-northwind-token-for-the-cluster";
    private const string Viewer = "cluster-viewer-token-0123456789";
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-cluster-").FullName;
    private readonly List<ActorSyncProcess> _nodes = [];
    private LocalPostgresServer? _postgres;
    private int[] _management = [];

    public async Task InitializeAsync() => _postgres = await LocalPostgresServer.StartAsync();

    [Fact]
    public async Task Three_nodes_form_one_cluster_share_the_work_and_one_leaves_gracefully_on_SIGTERM()
    {
        var journal = await _postgres!.CreateDatabaseAsync("actorsync_cluster");
        var remoting = Chaos.LoopbackPorts.Free(3);
        _management = Chaos.LoopbackPorts.Free(3);
        var seeds = string.Join(", ", remoting.Take(2).Select(p => $"\"akka.tcp://actorsync@127.0.0.1:{p}\""));
        var environment = new Dictionary<string, string> { ["ACTORSYNC_PG_CONNECTION"] = journal, ["ACTORSYNC_SOURCE_NORTHWIND_EHR"] = SourceToken,
            ["ACTORSYNC_PSEUDONYM_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) };
        for (var i = 0; i < 3; i++)
        {
            var conf = Path.Combine(_work, $"node{i + 1}.conf");
            await File.WriteAllTextAsync(conf, $$"""
                akka.remote.dot-netty.tcp.port = {{remoting[i]}}
                akka.cluster.seed-nodes = [{{seeds}}]
                actorsync.http.port = 0
                actorsync.sinks.enabled = off
                actorsync.management { port = {{_management[i]}}, operators.watcher { roles = [viewer], credential-sha256 = "{{Convert.ToHexString(SourceSettings.Hash(Viewer))}}" } }
                """);
            _nodes.Add(ActorSyncProcess.Start(environment, _work, "node", "--data-dir", Path.Combine(_work, $"data{i + 1}"),
                "--config", Path.Combine(HoconFiles.DefaultFolder(), "persistence-postgresql.conf"), "--config", conf));
            // The first node creates the journal's tables; concurrent CREATE TABLEs on one database collide.
            if (i == 0)
                await _nodes[0].WaitForOutputAsync("Press Ctrl+C", TimeSpan.FromSeconds(120));
        }
        foreach (var node in _nodes)
            await node.WaitForOutputAsync("Press Ctrl+C", TimeSpan.FromSeconds(120));

        var members = Json(await PaletteAsync("cluster", "show", "--json", "--node", Management(0))).GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(3, members.Count);
        Assert.All(members, m => Assert.Equal("Up", m.GetProperty("status").GetString()));

        // Half the day through node 2, half through node 3: any node takes data for any entity.
        var day = await GenerateAsync();
        var throughSecond = await ImportAsync(Path.Combine(day, "nw-general"), FhirUrl(1));
        var throughThird = await ImportAsync(Path.Combine(day, "nw-clinic"), FhirUrl(2));
        Assert.True(throughSecond > 0 && throughThird > 0);

        var invoices = Json(await PaletteAsync("cluster", "sharding", "region-stats", "invoice", "--json", "--node", Management(0))).GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(3, invoices.Count);
        // Regions are named by their node's address, whichever node is asked, and list their shards by id.
        Assert.Equal(members.Select(m => m.GetProperty("address").GetString()).Order(), invoices.Select(r => r.GetProperty("address").GetString()).Order());
        Assert.All(invoices, r => Assert.Equal(r.GetProperty("shards").GetInt32(), r.GetProperty("shardIds").EnumerateArray().Select(s => s.GetString()).Distinct().Count()));
        Assert.True(invoices.Count(r => r.GetProperty("entities").GetInt32() > 0) >= 2, "invoices should live on more than one node");

        _nodes[2].Terminate();
        Assert.Equal(0, await _nodes[2].WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("leaving the cluster", _nodes[2].Stdout);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<JsonElement> left;
        do
            left = [.. Json(await PaletteAsync("cluster", "show", "--json", "--node", Management(0))).GetProperty("members").EnumerateArray()];
        while (left.Count != 2 && DateTime.UtcNow < deadline && await Task.Delay(500).ContinueWith(_ => true));
        Assert.Equal(2, left.Count);

        // Every event is in the journal once, and what the leaver accepted is served by the rest: sent again, it is all duplicates.
        var (rows, distinct) = await JournalEventsAsync(journal);
        Assert.True(rows > throughSecond + throughThird, $"{rows} events for {throughSecond + throughThird} accepted resources");
        Assert.Equal(distinct, rows);
        Assert.Equal(0, await ImportAsync(Path.Combine(day, "nw-clinic"), FhirUrl(0)));
    }

    private string Management(int node) => $"http://127.0.0.1:{_management[node]}";

    private string FhirUrl(int node) => _nodes[node].Stdout.Split('\n').Select(l => l.Trim())
        .First(l => l.StartsWith("FHIR endpoint:", StringComparison.Ordinal))["FHIR endpoint:".Length..].Trim()[..^"fhir".Length];

    private async Task<string> GenerateAsync()
    {
        var folder = Path.Combine(_work, "day");
        using var generate = ActorSyncProcess.Start(_work, "generate", "--out", folder, "--encounters-per-day", "8");
        Assert.Equal(0, await generate.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        return folder;
    }

    /// <summary>Imports through a node's FHIR endpoint and returns how many resources were accepted.</summary>
    private async Task<int> ImportAsync(string folder, string node)
    {
        using var import = ActorSyncProcess.Start(new Dictionary<string, string> { ["ACTORSYNC_TOKEN"] = SourceToken }, _work, "import", folder, "--node", node, "--json");
        var exit = await import.WaitForExitAsync(TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, import.Stdout + import.Stderr);
        var counts = JsonDocument.Parse(import.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        // (Supply deliveries name no site and northwind-ehr serves two: those are parked, visibly, on every node alike.)
        Assert.Equal(0, counts.GetProperty("rejected").GetInt32());
        return counts.GetProperty("accepted").GetInt32();
    }

    /// <summary>The entities' events in the journal: rows, and distinct (persistence id, sequence number) pairs.</summary>
    private static async Task<(long Rows, long Distinct)> JournalEventsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT (persistence_id, sequence_nr)) FROM event_journal WHERE persistence_id LIKE 'encounter|%' OR persistence_id LIKE 'invoice|%'", db);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private Task<(int Exit, string Stdout, string Stderr)> PaletteAsync(params string[] args) => PaletteRun.RunAsync(Viewer, _work, args);

    private static JsonElement Json((int Exit, string Stdout, string Stderr) run) => PaletteRun.Json(run);

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
            node.Dispose();
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}
