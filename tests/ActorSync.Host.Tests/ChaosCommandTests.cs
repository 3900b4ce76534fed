using System.Text.Json;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// The CI form of the chaos run: three node processes on a throwaway PostgreSQL, a node killed with
/// SIGKILL and restarted every few seconds while data flows through all of them and the Odoo
/// simulator fails, drops answers and goes away; nothing may be lost, doubled or left unreconciled.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-chaos-test-").FullName;

    [Fact]
    public async Task Killing_nodes_while_data_flows_and_Odoo_fails_loses_and_doubles_nothing()
    {
        using var chaos = ActorSyncProcess.Start(_work, "chaos", "--nodes", "3", "--duration", "30", "--kill-every", "6", "--days", "2", "--json", "--work-dir", Path.Combine(_work, "run"));
        var exit = await chaos.WaitForExitAsync(TimeSpan.FromMinutes(10));
        Assert.True(exit == 0, chaos.Stdout + chaos.Stderr);
        var result = JsonDocument.Parse(chaos.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.True(result.GetProperty("reconciled").GetBoolean());
        // A kill every 6 s, then a restart that waits until the node is an Up member again (10-20 s on a loaded 2-core runner).
        Assert.True(result.GetProperty("kills").GetInt32() >= 1, chaos.Stdout);
        Assert.True(result.GetProperty("accepted").GetInt32() > 100);
        Assert.True(result.GetProperty("postedToOdoo").GetInt32() > 0);
        Assert.Equal((0, 0, 0), (result.GetProperty("lostEvents").GetInt32(), result.GetProperty("duplicatePostings").GetInt32(), result.GetProperty("missingPostings").GetInt32()));
        Assert.Equal((0L, 0L), (result.GetProperty("duplicateEvents").GetInt64(), result.GetProperty("sequenceGaps").GetInt64()));
        Assert.Contains("kill -9 node", chaos.Stdout);
        // What it did besides kills: shards that moved between nodes, and Odoo calls failed on purpose (each one made again).
        Assert.True(result.GetProperty("shardsMoved").GetInt32() >= 1, chaos.Stdout);
        Assert.True(result.GetProperty("odooFaultsInjected").GetInt64() >= 1, chaos.Stdout);
    }

    [Fact]
    public async Task Nonsense_options_are_a_readable_error()
    {
        using var chaos = ActorSyncProcess.Start(_work, "chaos", "--nodes", "1");
        Assert.Equal(2, await chaos.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("--nodes 2-9", chaos.Stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The chaos run starts four processes and a PostgreSQL server: it runs alone, not beside the other test classes, so that a loaded machine does not decide its timing.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "Chaos";
}
