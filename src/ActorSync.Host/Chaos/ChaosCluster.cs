using System.Security.Cryptography;
using ActorSync.Actors.Configuration;
using ActorSync.Host.Commands;
using ActorSync.OdooSim;
using ActorSync.Storage;

namespace ActorSync.Host.Chaos;

/// <summary>
/// What a chaos run stands on: a throwaway PostgreSQL journal, the Odoo simulator with faults, and
/// N node processes on loopback that form one cluster from seed nodes (the first two).
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    private ChaosCluster(LocalPostgresServer postgres, string journal, OdooSimulator odoo, IReadOnlyList<ChaosNode> nodes, string operatorToken, IReadOnlyDictionary<string, string> sourceTokens)
    {
        Postgres = postgres;
        Journal = journal;
        Odoo = odoo;
        Nodes = nodes;
        OperatorToken = operatorToken;
        SourceTokens = sourceTokens;
    }

    public LocalPostgresServer Postgres { get; }
    public string Journal { get; }
    public OdooSimulator Odoo { get; }
    public IReadOnlyList<ChaosNode> Nodes { get; }
    public string OperatorToken { get; }

    /// <summary>The token of each configured source (by name), for sending as that source.</summary>
    public IReadOnlyDictionary<string, string> SourceTokens { get; }

    public static async Task<ChaosCluster> StartAsync(ChaosOptions options, NetworkSettings network, Akka.Configuration.Config config, CancellationToken ct)
    {
        var postgres = await LocalPostgresServer.StartAsync(cancellationToken: ct);
        var journal = await postgres.CreateDatabaseAsync("actorsync_chaos", ct);
        var key = Token();
        var (simulatorOptions, _) = OdooSimCommand.Options(config, network, _ => key);
        var odoo = await OdooSimulator.StartAsync(simulatorOptions with
        {
            Port = 0,
            Faults = simulatorOptions.Faults with { Latency = TimeSpan.FromMilliseconds(20), ErrorRate = 0.05, CommitThenDropRate = 0.03, Seed = options.Seed },
        }, ct);
        var keyFile = Path.Combine(options.WorkDir, "odoo.key");
        await File.WriteAllTextAsync(keyFile, key, ct);

        var operatorToken = Token();
        var sources = config.GetConfig("actorsync.sources").Root.GetObject().Items.Keys.ToDictionary(s => s, _ => Token());
        var environment = new Dictionary<string, string>
        {
            ["ACTORSYNC_PG_CONNECTION"] = journal,
            [Actors.Ingest.PseudonymKeyFile.EnvironmentVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (source, token) in sources)
            environment[config.GetString($"actorsync.sources.{source}.credential-env")] = token;

        var remoting = LoopbackPorts.Free(options.Nodes);
        var http = LoopbackPorts.Free(options.Nodes);
        var management = LoopbackPorts.Free(options.Nodes);
        var seeds = string.Join(", ", remoting.Take(Math.Min(2, options.Nodes)).Select(p => $"\"akka.tcp://actorsync@127.0.0.1:{p}\""));
        var nodes = new List<ChaosNode>();
        for (var i = 0; i < options.Nodes; i++)
        {
            var conf = Path.Combine(options.WorkDir, $"node{i + 1}.conf");
            await File.WriteAllTextAsync(conf, NodeHocon(remoting[i], seeds, http[i], management[i], odoo.BaseAddress, keyFile, operatorToken, network) + (options.Sinks ? "" : "\nactorsync.sinks.enabled = off\n"), ct);
            nodes.Add(new ChaosNode(i, http[i], management[i],
                ["node", "--data-dir", Path.Combine(options.WorkDir, $"data{i + 1}"), "--hocon", options.HoconFolder,
                 "--config", Path.Combine(options.HoconFolder, "persistence-postgresql.conf"), "--config", conf],
                environment, Path.Combine(options.WorkDir, $"node{i + 1}.log")));
        }
        var cluster = new ChaosCluster(postgres, journal, odoo, nodes, operatorToken, sources);
        // The first node creates the journal's tables; the others start once it is up (concurrent
        // CREATE TABLEs on one PostgreSQL database collide).
        nodes[0].Start();
        await nodes[0].WaitReadyAsync(TimeSpan.FromMinutes(2), ct);
        foreach (var node in nodes.Skip(1))
            node.Start();
        foreach (var node in nodes.Skip(1))
            await node.WaitReadyAsync(TimeSpan.FromMinutes(3), ct);
        return cluster;
    }

    /// <summary>
    /// A node of the run: its ports, the seeds, the simulator, an operator token, and posting rules
    /// that let everything through (no approvals; transient Odoo failures retried, never parked),
    /// so that every expected posting must end up in Odoo.
    /// </summary>
    private static string NodeHocon(int remoting, string seeds, int http, int management, Uri odoo, string keyFile, string operatorToken, NetworkSettings network) =>
        $$"""
        akka.loglevel = WARNING
        akka.remote.dot-netty.tcp.port = {{remoting}}
        akka.cluster.seed-nodes = [{{seeds}}]
        akka.cluster.split-brain-resolver.stable-after = 5s
        # A node restarted on its old port joins once its old incarnation is downed and removed;
        # on a loaded machine that can take longer than a node's usual minute.
        actorsync.join-timeout = 180s
        actorsync.http.port = {{http}}
        actorsync.management.port = {{management}}
        actorsync.management.operators.chaos { roles = [operator], credential-sha256 = "{{Convert.ToHexString(SourceSettings.Hash(operatorToken))}}" }
        actorsync.odoo { url = "{{odoo}}", api-key-file = "{{keyFile}}", retry.base-delay = 50ms }
        # The simulator finishes a request whose answer it drops at once: no Odoo time limit to wait out.
        actorsync.odoo.request-time-limit = 1s
        actorsync.sinks.retry { max-attempts = 100000, base-delay = 200ms, max-delay = 2s }
        actorsync.sinks.workflows.accounting { mode = micro-batch, window = 500ms }
        {{string.Join("\n", network.LegalEntities.Keys.Select(le => $"actorsync.network.legal-entities.{le}.posting {{ approval-threshold = 1000000000, approve-summary-batches = off }}"))}}
        """;

    private static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.StopAsync()));
        foreach (var node in Nodes)
            node.Dispose();
        await Odoo.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
