using System.Text.Json;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// <c>actorsync journal replay</c> in-process on a journal of its own (a repost writes to the sinks'
/// journals): the postings projection rebuilt and updated, and a repost through the sinks into the
/// Odoo simulator that finds everything there.
/// </summary>
public sealed class ReplayCommandTests(JournalFixture journal) : IClassFixture<JournalFixture>
{
    private string[] Data => ["--data-dir", journal.DataDir];

    private long SinkEvents() => journal.Query("SELECT COUNT(*) FROM event_journal WHERE persistence_id LIKE 'posting-sink|%'", r => r.GetInt64(0)).Single();

    private static JsonElement Last(InProcessCli.Run run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}{run.Stderr}");
        return JsonDocument.Parse(run.Lines[^1]).RootElement;
    }

    /// <summary>On SQLite the read models have a file of their own beside the journal.</summary>
    private const string Projections = "actorsync.projections.db";

    [Fact]
    public async Task A_rebuild_reads_every_sink_event_an_update_only_new_ones_and_a_repost_finds_everything_in_Odoo()
    {
        var rebuilt = Last(await InProcessCli.RunAsync(["journal", "replay", "--rebuild", "postings", "--json", .. Data]));
        var before = SinkEvents();
        var postings = journal.Query("SELECT COUNT(*) FROM projection_postings", r => r.GetInt64(0), Projections).Single();
        var unchanged = Last(await InProcessCli.RunAsync(["journal", "replay", "--projection", "postings", "--json", .. Data]));

        Assert.Equal(before, rebuilt.GetProperty("eventsRead").GetInt64());
        // At least a write per posting; master data two sinks of a legal entity share is written by each.
        Assert.InRange(rebuilt.GetProperty("rowsWritten").GetInt64(), postings, before);
        Assert.Equal(0, unchanged.GetProperty("eventsRead").GetInt64());

        // Products are master data every inventory sink of a legal entity queues under one key: which sink's copy
        // a repost takes is a race, so exact counts are of the postings one sink makes (products: none made, below).
        var delivered = journal.Query("SELECT COUNT(*) FROM projection_postings WHERE status = 'Delivered' AND kind <> 'product'", r => r.GetInt64(0), Projections).Single();
        var products = journal.OdooCount("product.product");
        var repost = await InProcessCli.RunAsync(["journal", "replay", "--repost", "--json", "--by", "ops.test", "--config", Path.Combine(journal.Work, "odoo.conf"), "--sink-timeout", "120", .. Data]);
        var reposted = Last(repost);

        Assert.True(delivered > 0);
        var single = reposted.GetProperty("byKind").EnumerateObject().Where(k => k.Name != "product").Select(k => k.Value).ToList();
        Assert.Equal(delivered, single.Sum(k => k.GetProperty("reposted").GetInt64()));
        Assert.Equal(delivered, single.Sum(k => k.GetProperty("alreadyInOdoo").GetInt64()));
        Assert.Equal(0, single.Sum(k => k.GetProperty("created").GetInt64()));
        Assert.Equal(products, journal.OdooCount("product.product"));
        Assert.True(reposted.GetProperty("sinksIdle").GetBoolean());
        Assert.Contains("invoice", reposted.GetProperty("byKind").EnumerateObject().Select(k => k.Name));
        Assert.True(reposted.GetProperty("complete").GetBoolean());

        // The repost's embedded node kept the projection current while it ran (its runner is a cluster
        // singleton); an update reads what it had not applied yet, and nothing twice.
        var updated = Last(await InProcessCli.RunAsync(["journal", "replay", "--projection", "postings", "--json", .. Data]));

        Assert.InRange(updated.GetProperty("eventsRead").GetInt64(), 0, SinkEvents() - before);
        Assert.Equal(delivered, journal.Query("SELECT COUNT(*) FROM projection_postings WHERE reposts = 1 AND status = 'Delivered' AND already_in_odoo = 1 AND kind <> 'product'", r => r.GetInt64(0), Projections).Single());
    }

    [Theory]
    [InlineData("journal", "replay")]
    [InlineData("journal", "replay", "--rebuild", "postings", "--repost")]
    [InlineData("journal", "replay", "--rebuild", "invoices")]
    [InlineData("journal", "replay", "--repost", "--kind", "gift")]
    [InlineData("journal", "replay", "--repost", "--from", "yesterday")]
    [InlineData("journal", "replay", "--rebuild", "postings", "--node", "http://127.0.0.1:9")]
    [InlineData("journal", "replay", "--repost", "--by", "someone", "--node", "http://127.0.0.1:9")]
    public async Task A_wrong_argument_exits_with_2_and_says_why(params string[] args)
    {
        var run = await InProcessCli.RunAsync([.. args, .. Data]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("actorsync journal replay:", run.Stderr, StringComparison.Ordinal);
    }
}
