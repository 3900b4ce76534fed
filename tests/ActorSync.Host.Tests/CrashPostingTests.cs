using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// The crash the exactly-once promise is about, with real processes: a node is killed (SIGKILL)
/// after Odoo committed its invoices and before any answer reached it, so its outboxes never
/// confirmed them. The node that starts on the same journal posts what is missing and nothing twice.
/// </summary>
public sealed class CrashPostingTests : IDisposable
{
    private const string Key = "crash-posting-test-key";
    private static readonly Dictionary<string, string> WithKey = new() { ["ACTORSYNC_ODOO_KEY"] = Key };
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-crash-posting-").FullName;

    [Fact]
    public async Task A_node_killed_between_Odoos_commit_and_the_outbox_confirmation_posts_nothing_twice()
    {
        using (var generate = ActorSyncProcess.Start(_work, "generate", "--out", "in", "--days", "2", "--encounters-per-day", "12"))
            Assert.Equal(0, await generate.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        using var sim = await SimulatorProcess.StartAsync(WithKey, _work);
        // Every invoice goes to Odoo on its own, with no finance approver in the way.
        var conf = Path.Combine(_work, "detail.conf");
        await File.WriteAllTextAsync(conf, $$"""
            actorsync.odoo.url = "{{sim.Url}}"
            actorsync.network.legal-entities.northwind-health.posting { granularity = detail, approval-threshold = 100000000, approve-summary-batches = off }
            actorsync.network.legal-entities.lakeside-care.posting.approval-threshold = 100000000
            """);
        // The retry of a lost answer is far away: nothing can confirm before the kill.
        var later = Path.Combine(_work, "retry-later.conf");
        await File.WriteAllTextAsync(later, "actorsync.sinks.retry { base-delay = 10m, max-delay = 10m }\n");
        await sim.SetFaultsAsync("""{"dropAnswersTo":[{"model":"account.move","method":"create","count":100000}]}""");

        using (var doomed = ActorSyncProcess.Start(WithKey, _work, "import", "in", "--config", conf, "--config", later, "--wait-for-sinks"))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while ((await sim.InvoicesAsync()).Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline && !doomed.HasExited, "Odoo should commit invoices whose answers are lost\n" + doomed.Stdout + doomed.Stderr);
                await Task.Delay(50);
            }
            doomed.Kill();
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        var committedBeforeTheKill = (await sim.InvoicesAsync()).Select(m => m.GetProperty("ref").GetString()).ToList();
        await sim.SetFaultsAsync("{}");

        using var after = ActorSyncProcess.Start(WithKey, _work, "import", "in", "--config", conf, "--wait-for-sinks", "--json");
        Assert.True(await after.WaitForExitAsync(TimeSpan.FromMinutes(4)) == 0, after.Stdout + after.Stderr);
        var summary = after.LastJson();
        Assert.True(summary.GetProperty("sinksIdle").GetBoolean());
        Assert.Equal(0, summary.GetProperty("parkedPostings").GetInt32());

        var journal = JournalFacts.Read(_work);
        var invoices = await sim.InvoicesAsync();
        var refs = invoices.Select(m => m.GetProperty("ref").GetString()).ToList();
        Assert.NotEmpty(committedBeforeTheKill);
        Assert.Equal(journal.Issued, invoices.Count);
        Assert.Equal(refs.Count, refs.Distinct().Count());
        Assert.Subset(refs.ToHashSet(), committedBeforeTheKill.ToHashSet());
        Assert.All(invoices, m => Assert.Equal("posted", m.GetProperty("state").GetString()));
        Assert.Equal(journal.IssuedTotal, invoices.Sum(m => m.GetProperty("amount_total").GetDecimal()));
        Assert.Equal(journal.Payments, (await sim.RecordsAsync("account.payment")).Count);
        var moveIds = (await sim.RecordsAsync("ir.model.data")).Where(x => x.GetProperty("model").GetString() == "account.move").Select(x => x.GetProperty("res_id").GetInt64()).ToList();
        Assert.Equal(moveIds.Count, moveIds.Distinct().Count());
        Assert.Subset(moveIds.ToHashSet(), invoices.Select(m => m.GetProperty("id").GetInt64()).ToHashSet());
        Assert.Equal(0, await sim.StopAsync());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
