using ActorSync.Actors.Configuration;
using ActorSync.Actors.Projections;
using ActorSync.Actors.Reconciliation;
using ActorSync.Actors.Replay;
using ActorSync.Actors.Sinks;
using ActorSync.Actors.Tests.Sinks;
using ActorSync.Domain.Reconciliation;
using ActorSync.Odoo;
using Xunit;
using static ActorSync.Actors.Tests.Support.Samples;

namespace ActorSync.Actors.Tests.Replay;

/// <summary>
/// Replay on a real node (SQLite) posting into the Odoo simulator: the postings projection rebuilt
/// from zero equals the ledger and resumes from its offsets, and the node keeps it current; a repost
/// goes through the connector again and makes only what Odoo no longer holds. The projection tests
/// run on PostgreSQL too (<see cref="PostgresProjectionTests"/>).
/// </summary>
public sealed class ReplayTests
{
    private static readonly DateOnly Day = PostingSinkTests.Day;

    private static Task IssueAsync(SinkTestBed bed, string id, decimal amount) => PostingSinkTests.IssueAsync(bed, id, amount);

    private static async Task<SinksSummary> IdleAsync(SinkTestBed bed)
    {
        var summary = await SinkProgress.WaitUntilIdleAsync(bed.Node!, TimeSpan.FromSeconds(60), null, CancellationToken.None);
        Assert.True(summary.Idle, "the sinks did not become idle");
        return summary;
    }

    /// <summary>The entries as comparable tuples (a posting's lists compare by reference).</summary>
    private static List<string> Rows(IEnumerable<LedgerEntry> entries) =>
        [.. entries.Select(e => $"{e.Posting.Key} {e.Sink} {e.Status} {e.OdooModel} {e.OdooId} {e.AlreadyInOdoo} {e.QueuedAt:O} {e.DeliveredAt:O} {e.ChangedAt:O} {e.Cause} {e.SummarizedInto} {e.Reposts} {e.Posting.GetType().Name}").Order(StringComparer.Ordinal)];

    private static async Task<long> SinkEventsAsync(SinkTestBed bed)
    {
        await using var reader = JournalReader.On(bed.Node!);
        long count = 0;
        foreach (var sink in SinkEntity.All(bed.Node!.Network))
            await foreach (var _ in reader.ReadAsync(new JournalQuery(PersistenceId: SinkEntity.PersistenceId(sink.ToString()))))
                count++;
        return count;
    }

    private static async Task<List<string>> LedgerRowsAsync(SinkTestBed bed) =>
        Unshared(Rows((await PostingLedgerReader.ReadAsync(bed.Node!.System, bed.Node.Network, CancellationToken.None)).Entries));

    /// <summary>
    /// Without product upserts: every inventory sink of a legal entity queues a product under one key,
    /// so which sink's copy a row shows depends on the order the streams were read in.
    /// </summary>
    private static List<string> Unshared(List<string> rows) => [.. rows.Where(r => !r.EndsWith(" ProductUpsert", StringComparison.Ordinal))];

    /// <summary>Until the projection's rows are the ledger's (the node's runner works every interval), or 30 s.</summary>
    private static async Task<List<string>> ProjectionOnceCurrentAsync(SinkTestBed bed, JournalReader journal)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var ledger = await LedgerRowsAsync(bed);
        List<string> rows;
        while ((rows = Unshared(Rows(await PostingsProjection.ReadAsync(journal, CancellationToken.None)))).SequenceEqual(ledger) is false && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        return rows;
    }

    [Fact]
    public Task A_rebuilt_postings_projection_equals_the_ledger_and_a_second_run_reads_only_new_events() => RebuildAndResumeAsync(null);

    [Fact]
    public Task The_node_keeps_the_postings_projection_current_and_racing_runners_apply_nothing_twice() => RunInNodeAsync(null);

    internal static async Task RebuildAndResumeAsync(string? postgres)
    {
        await using var bed = await SinkTestBed.StartAsync(postgres: postgres);
        // The node's own runner is off: this test counts what each run reads.
        await bed.StartNodeAsync("actorsync.projections.postings.run-in-node = off\n");
        await IssueAsync(bed, "claim-1", 120m);
        await IssueAsync(bed, "claim-2", 80m);
        await IdleAsync(bed);
        await using var journal = JournalReader.On(bed.Node!);

        var rebuilt = await PostingsProjection.RunAsync(journal, rebuild: true, null, CancellationToken.None);
        var eventsBefore = await SinkEventsAsync(bed);

        Assert.Equal(eventsBefore, rebuilt.EventsRead);
        var ledger = await PostingLedgerReader.ReadAsync(bed.Node!.System, bed.Node.Network, CancellationToken.None);
        Assert.Equal(Rows(ledger.Entries), Rows(await PostingsProjection.ReadAsync(journal, CancellationToken.None)));
        Assert.Contains(ledger.Entries, e => e.Posting.Key.Value == "inv-nw-general-claim-2" && e.Status == PostingStatus.Delivered);

        await IssueAsync(bed, "claim-3", 45m);
        await IdleAsync(bed);
        var resumed = await PostingsProjection.RunAsync(journal, rebuild: false, null, CancellationToken.None);
        var again = await PostingsProjection.RunAsync(journal, rebuild: false, null, CancellationToken.None);

        Assert.Equal(await SinkEventsAsync(bed) - eventsBefore, resumed.EventsRead);
        Assert.True(resumed.EventsRead > 0);
        Assert.Equal(0, again.EventsRead);
        ledger = await PostingLedgerReader.ReadAsync(bed.Node!.System, bed.Node.Network, CancellationToken.None);
        Assert.Equal(Rows(ledger.Entries), Rows(await PostingsProjection.ReadAsync(journal, CancellationToken.None)));

        var fromZero = await PostingsProjection.RunAsync(journal, rebuild: true, null, CancellationToken.None);
        Assert.Equal(await SinkEventsAsync(bed), fromZero.EventsRead);
        Assert.Equal(Rows(ledger.Entries), Rows(await PostingsProjection.ReadAsync(journal, CancellationToken.None)));
    }

    internal static async Task RunInNodeAsync(string? postgres)
    {
        await using var bed = await SinkTestBed.StartAsync(postgres: postgres);
        await bed.StartNodeAsync("actorsync.projections.postings.interval = 200ms\n");
        await IssueAsync(bed, "claim-1", 120m);
        await IssueAsync(bed, "claim-2", 80m);
        await IdleAsync(bed);
        await using var journal = JournalReader.On(bed.Node!);

        Assert.Equal(await LedgerRowsAsync(bed), await ProjectionOnceCurrentAsync(bed, journal));

        // A repost is counted per posting: the node follows it.
        var repost = await PostingRepost.RunAsync(bed.Node!, RepostScope.Everything, "ops.test", TimeSpan.FromSeconds(60), null, CancellationToken.None);
        Assert.True(repost.Reposted > 0);
        Assert.Equal(await LedgerRowsAsync(bed), await ProjectionOnceCurrentAsync(bed, journal));

        // From zero again, three runners race the node's: one that applied a batch another had applied would count its repost twice.
        await using (var store = await ProjectionStore.OpenAsync(journal.Storage, CancellationToken.None))
        await using (var reset = await store.BeginExclusiveAsync(PostingsProjection.Name, CancellationToken.None))
        {
            await store.ExecuteAsync(reset, "DELETE FROM projection_postings", CancellationToken.None);
            await store.ExecuteAsync(reset, "DELETE FROM projection_offsets", CancellationToken.None);
            await reset.CommitAsync();
        }
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostingsProjection.RunAsync(journal, rebuild: false, null, CancellationToken.None)));

        Assert.Equal(await LedgerRowsAsync(bed), await ProjectionOnceCurrentAsync(bed, journal));
        var claim = (await PostingsProjection.ReadAsync(journal, CancellationToken.None)).Single(e => e.Posting.Key.Value == "inv-nw-general-claim-1");
        Assert.Equal(1, claim.Reposts);
    }

    [Fact]
    public async Task A_repost_creates_nothing_Odoo_holds_and_makes_again_exactly_what_was_deleted_there()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await bed.StartNodeAsync();
        foreach (var (id, amount) in new[] { ("claim-1", 120m), ("claim-2", 80m), ("claim-3", 45m) })
            await IssueAsync(bed, id, amount);
        await IdleAsync(bed);
        var moves = bed.Simulator.Count("account.move");
        var products = bed.Simulator.Count("product.product");
        // Products are master data that every inventory sink of a legal entity queues under one key: which
        // sink's copy the ledger shows is a race, so the exact count is of the postings only one sink makes.
        static bool Shared(Domain.Postings.Posting p) => p is Domain.Postings.ProductUpsert;
        var delivered = (await PostingLedgerReader.ReadAsync(bed.Node!.System, bed.Node.Network, CancellationToken.None)).Entries.Count(e => e.Status == PostingStatus.Delivered && !Shared(e.Posting));

        var all = await PostingRepost.RunAsync(bed.Node!, RepostScope.Everything, "ops.test", TimeSpan.FromSeconds(60), null, CancellationToken.None);

        Assert.True(all.Sinks.Idle);
        Assert.Equal(delivered, all.ByKind.Where(k => k.Kind != "product").Sum(k => k.Reposted));
        var single = all.ByKind.Where(k => k.Kind != "product").ToList();
        Assert.Equal(single.Sum(k => k.Reposted), single.Sum(k => k.AlreadyInOdoo));
        Assert.Equal(0, single.Sum(k => k.Created) + all.NotConfirmed);
        Assert.Equal(products, bed.Simulator.Count("product.product"));
        Assert.Equal(3, all.ByKind.Single(k => k.Kind == "invoice").AlreadyInOdoo);
        Assert.Equal(moves, bed.Simulator.Count("account.move"));

        // Someone deletes one invoice in Odoo: a repost of the invoices makes that one again, and only it.
        var deleted = Convert.ToInt64(Assert.Single(bed.Where("account.move", "ref", "inv-nw-general-claim-2"))["id"]);
        using (var odoo = new OdooClient(OdooSettings.From(bed.Node!.Config).Connection))
        {
            await odoo.ActAsync("account.move", "button_draft", [deleted], null, CancellationToken.None);
            await odoo.ActAsync("account.move", "unlink", [deleted], null, CancellationToken.None);
        }
        Assert.Empty(bed.Where("account.move", "ref", "inv-nw-general-claim-2"));

        var invoices = await PostingRepost.RunAsync(bed.Node!, RepostScope.Everything with { LegalEntity = LegalEntity, From = Day, To = Day, Kinds = new HashSet<string> { "invoice" } },
            "ops.test", TimeSpan.FromSeconds(60), null, CancellationToken.None);

        var kind = Assert.Single(invoices.ByKind);
        Assert.Equal(new RepostedKind("invoice", 3, 2, 1, 0), kind);
        Assert.Empty(invoices.Refused);
        var remade = Assert.Single(bed.Where("account.move", "ref", "inv-nw-general-claim-2"));
        Assert.Equal("posted", remade["state"]);
        Assert.Equal(moves, bed.Simulator.Count("account.move"));
        var ledger = await PostingLedgerReader.ReadAsync(bed.Node!.System, bed.Node.Network, CancellationToken.None);
        Assert.Equal(2, ledger.Find(new Domain.Postings.PostingKey("inv-nw-general-claim-1"))!.Reposts);
        Assert.Equal(Convert.ToInt64(remade["id"]), ledger.Find(new Domain.Postings.PostingKey("inv-nw-general-claim-2"))!.OdooId);
    }
}
