using Xunit;

namespace ActorSync.Host.Tests;

/// <summary><c>actorsync node</c> as an operator runs it: a real process, real SQLite file, real signals.</summary>
public sealed class NodeCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-host-").FullName;

    [Fact]
    public async Task Node_starts_on_the_embedded_default_recovers_after_restart_and_stops_on_sigterm()
    {
        var overrides = Path.Combine(_work, "test.conf");
        await File.WriteAllTextAsync(overrides, "akka.remote.dot-netty.tcp.port = 0\nactorsync.http.port = 0\nactorsync.management.port = 0\n");

        using (var first = ActorSyncProcess.Start(_work, "node", "--config", overrides))
        {
            await first.WaitForOutputAsync("Press Ctrl+C", TimeSpan.FromSeconds(60));
            Assert.Contains("configuration:  10 changed, 0 unchanged, 0 rejected", first.Stdout, StringComparison.Ordinal);
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.True(File.Exists(Path.Combine(_work, "data", "actorsync.db")), "the journal is one SQLite file under ./data");

        using var second = ActorSyncProcess.Start(_work, "node", "--config", overrides);
        await second.WaitForOutputAsync("Press Ctrl+C", TimeSpan.FromSeconds(60));
        Assert.Contains("configuration:  0 changed, 10 unchanged, 0 rejected", second.Stdout, StringComparison.Ordinal);
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_configuration_mistake_is_a_readable_message_and_exit_code_2_without_a_stack_trace()
    {
        var bad = Path.Combine(_work, "bad.conf");
        await File.WriteAllTextAsync(bad, "actorsync.network.legal-entities.northwind-health.currency = DOLLARS\n");

        using var node = ActorSyncProcess.Start(_work, "node", "--config", bad);

        Assert.Equal(2, await node.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("actorsync.network.legal-entities.northwind-health.currency", node.Stderr, StringComparison.Ordinal);
        Assert.Contains("DOLLARS", node.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", node.Stderr + node.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
