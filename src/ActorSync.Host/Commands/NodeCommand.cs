using System.CommandLine;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Domain.Common;
using ActorSync.Http;
using ActorSync.Http.Management;
using Akka.Cluster;

namespace ActorSync.Host.Commands;

/// <summary><c>actorsync node</c>: start one node from HOCON and run until SIGINT / SIGTERM.</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var dataDir = CommonOptions.DataDir();
        var hocon = CommonOptions.HoconFolder();
        var command = new Command("node", "Start an ActorSync node (single node on SQLite by default) and run until stopped")
        {
            config, dataDir, hocon,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new NodeOptions
            {
                ConfigFiles = parse.GetValue(config) ?? [],
                DataDir = parse.GetValue(dataDir),
                HoconFolder = parse.GetValue(hocon) ?? HoconFiles.DefaultFolder(),
                SeedNetwork = false,
            };
            return await RunAsync(options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(NodeOptions options, CancellationToken cancellationToken)
    {
        ActorSyncNode node;
        try
        {
            node = await ActorSyncNode.StartAsync(options, cancellationToken);
        }
        catch (ConfigurationProblem problem)
        {
            await Console.Error.WriteLineAsync($"actorsync: configuration error: {problem.Message}");
            return ExitCodes.BadConfiguration;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Not the user's configuration: storage unreachable, the cluster not joined in time, ...
            await Console.Error.WriteLineAsync($"actorsync: the node could not start: {ex.Message}");
            return ExitCodes.Failure;
        }

        await using (node)
        {
            var seeded = await node.SeedNetworkAsync(cancellationToken);
            IngestServer? http = null;
            ManagementServer? management = null;
            try
            {
                PseudonymKeyFile.For(node.Storage);
                if (HttpSettings.From(node.Config).Enabled)
                    http = await IngestServer.StartAsync(node, cancellationToken);
                management = await ManagementServer.StartAsync(node, cancellationToken);
            }
            catch (ConfigurationProblem problem)
            {
                await Console.Error.WriteLineAsync($"actorsync: configuration error: {problem.Message}");
                return ExitCodes.BadConfiguration;
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"actorsync: the FHIR endpoint or the management API could not listen: {ex.Message}");
                return ExitCodes.Failure;
            }
            await using var _ = http;
            await using var __ = management;
            var cluster = Cluster.Get(node.System);
            Console.WriteLine($"ActorSync node up at {cluster.SelfAddress}");
            Console.WriteLine($"  journal:        {node.Storage.Description}");
            Console.WriteLine($"  legal entities: {string.Join(", ", node.Network.LegalEntities.Keys)}");
            Console.WriteLine($"  sites:          {string.Join(", ", node.Network.LegalEntities.Values.SelectMany(e => e.Sites).Select(s => s.Id))}");
            Console.WriteLine($"  FHIR endpoint:  {(http is null ? "off (actorsync.http.enabled)" : new Uri(http.Address, "fhir").ToString())}");
            foreach (var warning in http?.Warnings ?? [])
                Console.WriteLine($"    warning: {warning}");
            Console.WriteLine($"  management API: {(management is null ? "off (actorsync.management.enabled)" : management.Address.ToString())}");
            foreach (var warning in management?.Warnings ?? [])
                Console.WriteLine($"    warning: {warning}");
            Console.WriteLine($"  posting sinks:  {(node.Sinks is null ? "off" : $"{Actors.Sinks.SinkEntity.All(node.Network).Count} (one per site and flow) into Odoo")}");
            foreach (var warning in node.Warnings)
                Console.WriteLine($"    warning: {warning}");
            Console.WriteLine($"  configuration:  {seeded.Count(r => r.Outcome == Outcome.Accepted)} changed, {seeded.Count(r => r.Outcome == Outcome.Duplicate)} unchanged, {seeded.Count(r => r.Outcome == Outcome.Rejected)} rejected");
            foreach (var rejected in seeded.Where(r => r.Outcome == Outcome.Rejected))
                Console.WriteLine($"    rejected {rejected.EntityId}: {rejected.Reason}");
            Console.WriteLine("Press Ctrl+C (or send SIGTERM) to leave the cluster and stop.");
            // Leave the cluster gracefully on SIGTERM too, so shards are handed over before exit.
            await StopSignal.WaitAsync(cancellationToken);
            Console.WriteLine("Stopping: leaving the cluster and handing over shards...");
        }
        return ExitCodes.Ok;
    }
}
