using ActorSync.Actors.Sinks;
using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using Akka.Actor;
using Xunit;
using static ActorSync.Actors.Tests.Support.Samples;

namespace ActorSync.Actors.Tests.Sinks;

/// <summary>
/// Sinks on a real node (SQLite) posting into the Odoo simulator over real HTTP: facts persisted by
/// the entities reach Odoo once each, in order, through crashes, lost answers, outages, approval and
/// the exception queue.
/// </summary>
public sealed class PostingSinkTests
{
    private const string Revenue = "northwind-health/nw-general/revenue";
    private const string Inventory = "northwind-health/nw-general/inventory";
    internal static readonly DateOnly Day = new(2026, 3, 14);

    private static InvoiceKey Claim(string id) => new(Site, new InvoiceId(id));

    /// <summary>An invoice drafted and issued to a payer: the revenue sink's invoice posting.</summary>
    internal static async Task IssueAsync(SinkTestBed bed, string id, decimal amount, string payer = "Mercy Payer")
    {
        var key = Claim(id);
        Assert.Equal(Domain.Common.Outcome.Accepted, (await bed.Node!.SendAsync(new DraftInvoice(key, LegalEntity, null, Currency.Usd, [Line("1", amount)], Day, Stamp("Claim", id)))).Outcome);
        Assert.Equal(Domain.Common.Outcome.Accepted, (await bed.Node!.SendAsync(new IssueInvoice(key, payer, Day, Stamp("ExplanationOfBenefit", "eob-" + id)))).Outcome);
    }

    private static Task PayAsync(SinkTestBed bed, string id, string paymentId, decimal amount) =>
        bed.Node!.SendAsync(new RecordPayment(Claim(id), paymentId, Usd(amount), Day, Stamp("PaymentReconciliation", paymentId)));

    private static bool Posted(SinkTestBed bed, string key) => bed.Where("account.move", "ref", key).Any(m => Equals(m["state"], "posted"));

    /// <summary>One invoice per call, so the order in Odoo is the sink's order, not one create's; at most 3 postings held.</summary>
    private const string OneAtATime = "actorsync.sinks { max-pending = 3\nworkflows.billing { mode = real-time, size = 1 }\nworkflows.accounting { mode = real-time, size = 1 } }";

    /// <summary>A node sending one invoice per call, with its master data and a first invoice in Odoo.</summary>
    private static async Task StartWithAFirstInvoiceAsync(SinkTestBed bed, string sinks = OneAtATime)
    {
        await bed.StartNodeAsync(sinks);
        await IssueAsync(bed, "claim-0", 5m);
        await bed.WaitForAsync(_ => Posted(bed, "inv-nw-general-claim-0"), "the first invoice and the master data");
    }

    /// <summary>Waits until the claims' invoices are posted, then checks each is in Odoo once and in the order issued.</summary>
    private static async Task DrainedInOrderAsync(SinkTestBed bed, IReadOnlyList<string> claims)
    {
        await bed.WaitForAsync(_ => claims.All(c => Posted(bed, $"inv-nw-general-{c}")), "the backlog to drain");
        var ids = claims.Select(c => Convert.ToInt64(Assert.Single(bed.Where("account.move", "ref", $"inv-nw-general-{c}"))["id"])).ToList();
        Assert.Equal(ids.Order(), ids);
    }

    private static IReadOnlyList<string> Claims(string prefix, int from, int count) => [.. Enumerable.Range(from, count).Select(i => $"{prefix}{i}")];

    [Fact]
    public async Task Issued_invoices_payments_and_consumption_reach_Odoo_once_each_also_after_a_restart()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await bed.StartNodeAsync();
        await IssueAsync(bed, "claim-1", 250.80m);
        await PayAsync(bed, "claim-1", "pay-1", 100m);
        await bed.Node!.SendAsync(new ConsumeItem(Item, "sd-1", Quantity.Of(2m, "box"), Emergency, At, Stamp("SupplyDelivery", "sd-1")));

        await bed.WaitForAsync(sim => bed.Where("account.payment", "memo", "pay-nw-general-claim-1-pay-1").Any() && bed.Where("stock.picking", "origin", "use-nw-general-706437002-sd-1").Any(), "invoice, payment and consumption in Odoo");

        var invoice = Assert.Single(bed.Where("account.move", "ref", "inv-nw-general-claim-1"));
        Assert.Equal("posted", invoice["state"]);
        Assert.Equal(150.80m, Convert.ToDecimal(invoice["amount_residual"]));
        var picking = Assert.Single(bed.Where("stock.picking", "origin", "use-nw-general-706437002-sd-1"));
        Assert.Equal("done", picking["state"]);
        var move = Assert.Single(bed.Simulator.Records("stock.move"));
        Assert.True(200m == Convert.ToDecimal(move["product_uom_qty"]), string.Join(", ", move.Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.NotEmpty(bed.Where("account.analytic.account", "name", "NW-GEN Emergency"));

        await bed.StopNodeAsync();
        await bed.StartNodeAsync();
        await IssueAsync(bed, "claim-2", 80m);
        await bed.WaitForAsync(_ => Posted(bed, "inv-nw-general-claim-2"), "the invoice issued after the restart");
        Assert.Single(bed.Where("account.move", "ref", "inv-nw-general-claim-1"));
        Assert.Single(bed.Where("account.payment", "memo", "pay-nw-general-claim-1-pay-1"));
        Assert.Single(bed.Where("account.analytic.account", "name", "NW-GEN Emergency"));
        var status = await bed.StatusAsync(Revenue);
        Assert.Equal(0, status.Pending + status.Parked + status.AwaitingApproval);
    }

    // Dropping the create's answer leaves a record without its external id: the restarted sink must
    // look for it by marker (a posting recovered from the outbox is never a first attempt).
    [Theory]
    [InlineData("create")]
    [InlineData("action_post")]
    public async Task A_node_killed_between_Odoo_committing_and_the_outbox_confirming_does_not_post_twice(string lostAnswer)
    {
        await using var bed = await SinkTestBed.StartAsync();
        // The first attempt's retry is far away: the node dies before it.
        await bed.StartNodeAsync("actorsync.sinks.retry { base-delay = 10m, max-delay = 10m }");
        bed.Simulator.Faults.DropNextResponsesTo("account.move", lostAnswer);
        await IssueAsync(bed, "claim-7", 410m);
        await bed.WaitForAsync(_ => bed.Where("account.move", "ref", "inv-nw-general-claim-7").Any(), "Odoo to commit the invoice");
        await WaitForStatusAsync(bed, Revenue, s => s.LastError is not null && s.Pending >= 1);

        await bed.StopNodeAsync();
        await bed.StartNodeAsync();

        var after = await WaitForStatusAsync(bed, Revenue, s => s.Pending == 0 && s.Delivered >= 1);
        Assert.Equal(0, after.Parked);
        Assert.Equal("posted", Assert.Single(bed.Where("account.move", "ref", "inv-nw-general-claim-7"))["state"]);
        Assert.Single(bed.Simulator.Records("ir.model.data"), r => Equals(r["model"], "account.move"));
    }

    [Fact]
    public async Task Answers_lost_at_random_still_give_one_record_per_posting()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await bed.StartNodeAsync();
        bed.Simulator.Faults.CommitThenDropRate = 0.3;
        for (var i = 1; i <= 12; i++)
            await IssueAsync(bed, $"claim-r{i}", 10m * i);
        await bed.WaitForAsync(_ => Enumerable.Range(1, 12).All(i => Posted(bed, $"inv-nw-general-claim-r{i}")), "all invoices posted", TimeSpan.FromSeconds(90));
        bed.Simulator.Faults.CommitThenDropRate = 0;
        await WaitForStatusAsync(bed, Revenue, s => s.Pending == 0);
        for (var i = 1; i <= 12; i++)
            Assert.Single(bed.Where("account.move", "ref", $"inv-nw-general-claim-r{i}"));
    }

    [Fact]
    public async Task During_an_outage_postings_wait_and_then_drain_in_order()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await StartWithAFirstInvoiceAsync(bed, "actorsync.sinks.workflows { billing { mode = real-time, size = 1 }\naccounting { mode = real-time, size = 1 } }");

        bed.Simulator.Faults.Outage = true;
        for (var i = 1; i <= 5; i++)
            await IssueAsync(bed, $"claim-o{i}", i);
        await WaitForStatusAsync(bed, Revenue, s => s.LastError is not null && s.Pending == 5 && s.Parked == 0);
        Assert.DoesNotContain(bed.Simulator.Records("account.move"), m => m["ref"] is string r && r.StartsWith("inv-nw-general-claim-o", StringComparison.Ordinal));

        bed.Simulator.Faults.Outage = false;
        await DrainedInOrderAsync(bed, Claims("claim-o", 1, 5));
    }

    [Fact]
    public async Task During_an_outage_the_outbox_holds_max_pending_postings_and_the_journal_the_rest()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await StartWithAFirstInvoiceAsync(bed);
        // Issued while the sinks are off, so that the sink's journal stream later hands all of them over at once.
        await bed.StopNodeAsync();
        await bed.StartNodeAsync("actorsync.sinks.enabled = off");
        for (var i = 1; i <= 8; i++)
            await IssueAsync(bed, $"claim-m{i}", i);
        await bed.StopNodeAsync();

        bed.Simulator.Faults.Outage = true;
        await bed.StartNodeAsync(OneAtATime);
        await WaitForStatusAsync(bed, Revenue, s => s.LastError is not null && s.Pending > 0);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await bed.StatusAsync(Revenue)).Pending);

        bed.Simulator.Faults.Outage = false;
        await DrainedInOrderAsync(bed, Claims("claim-m", 1, 8));
    }

    [Fact]
    public async Task A_refused_api_key_holds_the_outbox_instead_of_parking_it_and_it_drains_once_the_key_is_fixed()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await StartWithAFirstInvoiceAsync(bed);
        await bed.StopNodeAsync();

        // Odoo API keys expire: every call is refused, which is no posting's fault.
        bed.UseApiKey("an-expired-key");
        await bed.StartNodeAsync(OneAtATime);
        for (var i = 1; i <= 6; i++)
            await IssueAsync(bed, $"claim-k{i}", i);
        await WaitForStatusAsync(bed, Revenue, s => s.LastError is not null && s.Pending == 3);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var held = await bed.StatusAsync(Revenue);
        Assert.Equal((3, 0), (held.Pending, held.Parked));
        Assert.Contains("apikey", held.LastError, StringComparison.OrdinalIgnoreCase);
        await bed.StopNodeAsync();

        bed.UseApiKey();
        await bed.StartNodeAsync(OneAtATime);
        await DrainedInOrderAsync(bed, Claims("claim-k", 1, 6));

        // Revoked while the node runs (its look-ups cached): the batch's creates are refused one by one, and still nothing parks.
        bed.Simulator.SetApiKey("admin", "a-new-key-the-node-does-not-have");
        for (var i = 7; i <= 9; i++)
            await IssueAsync(bed, $"claim-k{i}", i);
        await WaitForStatusAsync(bed, Revenue, s => s.LastError is not null && s.Pending == 3);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal((3, 0), ((await bed.StatusAsync(Revenue)).Pending, (await bed.StatusAsync(Revenue)).Parked));
        bed.Simulator.SetApiKey("admin", SinkTestBed.ApiKey);
        await DrainedInOrderAsync(bed, Claims("claim-k", 7, 3));
    }

    [Fact]
    public async Task A_posting_above_the_threshold_waits_for_approval_and_holds_only_what_depends_on_it()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await bed.StartNodeAsync();
        await IssueAsync(bed, "claim-big", 30_000m);
        await PayAsync(bed, "claim-big", "pay-big", 1_000m);
        await IssueAsync(bed, "claim-small", 90m);

        await bed.WaitForAsync(_ => Posted(bed, "inv-nw-general-claim-small"), "the unrelated small invoice");
        var staged = await bed.OutboxAsync(Revenue, OutboxStatus.AwaitingApproval);
        Assert.Equal(new PostingKey("inv-nw-general-claim-big"), Assert.Single(staged.Items).Key);
        Assert.Equal(30_000m, staged.Items[0].Amount);
        Assert.Empty(bed.Where("account.move", "ref", "inv-nw-general-claim-big"));
        Assert.Empty(bed.Where("account.payment", "memo", "pay-nw-general-claim-big-pay-big"));

        var refused = await bed.CommandAsync(new ApprovePosting(Revenue, new PostingKey("inv-nw-general-claim-small"), "finance.lead"));
        Assert.False(refused.Done);
        // Odoo is down while finance approves, so the approved invoice is still in the outbox when the approval is repeated.
        bed.Simulator.Faults.Outage = true;
        var approved = await bed.CommandAsync(new ApprovePosting(Revenue, new PostingKey("inv-nw-general-claim-big"), "finance.lead"));
        Assert.True(approved.Done, approved.Message);
        var again = await bed.CommandAsync(new ApprovePosting(Revenue, new PostingKey("inv-nw-general-claim-big"), "finance.lead"));
        Assert.True(again.Done, again.Message);
        Assert.Equal(0, again.Affected);
        Assert.Contains("already approved by finance.lead", again.Message);
        bed.Simulator.Faults.Outage = false;
        await bed.WaitForAsync(_ => bed.Where("account.payment", "memo", "pay-nw-general-claim-big-pay-big").Any(), "the approved invoice and its payment");
        Assert.True(Posted(bed, "inv-nw-general-claim-big"));
    }

    [Fact]
    public async Task A_rejected_posting_goes_to_the_exception_queue_with_who_rejected_it()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await bed.StartNodeAsync();
        await IssueAsync(bed, "claim-huge", 99_000m);
        await WaitForStatusAsync(bed, Revenue, s => s.AwaitingApproval == 1);

        Assert.True((await bed.CommandAsync(new RejectPosting(Revenue, new PostingKey("inv-nw-general-claim-huge"), "cfo", "amount disputed with the payer"))).Done);

        var parked = Assert.Single((await bed.OutboxAsync(Revenue, OutboxStatus.Parked)).Items);
        Assert.Equal("rejected", parked.Cause);
        Assert.Contains("cfo", parked.Message);
        Assert.Contains("amount disputed", parked.Message);
        Assert.False((await bed.CommandAsync(new DiscardParked(Revenue, parked.Key, "ops", " "))).Done);
        Assert.True((await bed.CommandAsync(new DiscardParked(Revenue, parked.Key, "ops", "re-billed under another claim"))).Done);
        var status = await bed.StatusAsync(Revenue);
        Assert.Equal((0, 1L), (status.Parked, status.Discarded));
        Assert.Empty(bed.Where("account.move", "ref", "inv-nw-general-claim-huge"));
    }

    [Fact]
    public async Task A_parked_posting_does_not_block_others_and_goes_out_when_its_cause_is_fixed_and_retried()
    {
        await using var bed = await SinkTestBed.StartAsync(withVendors: false);
        await bed.StartNodeAsync();
        // 2 boxes of gloves leave 0 on hand under a threshold of 500: a replenishment request to a vendor Odoo does not know.
        await bed.Node!.SendAsync(new ConsumeItem(Item, "sd-1", Quantity.Of(2m, "box"), Emergency, At, Stamp("SupplyDelivery", "sd-1")));
        await WaitForStatusAsync(bed, Inventory, s => s.Parked == 1);
        var parked = Assert.Single((await bed.OutboxAsync(Inventory, OutboxStatus.Parked)).Items);
        Assert.Equal("actorsync.mapping-missing", parked.Cause);
        Assert.Contains("MedSupply Co", parked.Message);

        await bed.Node!.SendAsync(new ConsumeItem(Item, "sd-2", Quantity.Of(1m, "box"), Emergency, At.AddHours(1), Stamp("SupplyDelivery", "sd-2")));
        await bed.WaitForAsync(_ => bed.Where("stock.picking", "origin", "use-nw-general-706437002-sd-2").Any(), "the next consumption, past the parked request");

        using var client = new Odoo.OdooClient(new Odoo.Connection.OdooConnectionSettings
        {
            Url = bed.Simulator.BaseAddress, Database = "actorsync", Login = "admin", ApiKey = Odoo.Connection.OdooSecret.Of("sink-test-odoo-key"),
        });
        await Odoo.OdooOrm.CreateAsync(client, "res.partner", [new System.Text.Json.Nodes.JsonObject { ["name"] = "MedSupply Co", ["is_company"] = true }], null, default);
        var retried = await bed.CommandAsync(new RetryParked(Inventory, parked.Key, null, "ops.oncall"));
        Assert.Equal((true, 1), (retried.Done, retried.Affected));
        // Nothing else was parked for that cause: retrying all of them finds none.
        var none = await bed.CommandAsync(new RetryParked(Inventory, null, "actorsync.mapping-missing", "ops.oncall"));
        Assert.Equal((false, 0), (none.Done, none.Affected));
        await bed.WaitForAsync(_ => bed.Simulator.Records("purchase.order").Any(o => o["origin"] is string o2 && o2.StartsWith("rfq-nw-general-706437002-", StringComparison.Ordinal)), "the request for quotation");
        Assert.Equal("draft", Assert.Single(bed.Simulator.Records("purchase.order"))["state"]);
    }

    [Fact]
    public async Task In_summary_posting_a_days_invoices_become_one_balanced_entry_that_finance_approves()
    {
        await using var bed = await SinkTestBed.StartAsync();
        // Two invoices make a summary (size 2); the long window keeps the first from going alone.
        await bed.StartNodeAsync("""
            actorsync.network.legal-entities.northwind-health.posting.granularity = summary
            actorsync.sinks.workflows.accounting { mode = micro-batch, window = 5m, size = 2 }
            """);
        await IssueAsync(bed, "claim-s1", 120m);
        await IssueAsync(bed, "claim-s2", 80.50m);
        await PayAsync(bed, "claim-s1", "pay-s1", 20m);

        var status = await WaitForStatusAsync(bed, Revenue, s => s.AwaitingApproval == 1);
        var summary = Assert.Single((await bed.OutboxAsync(Revenue, OutboxStatus.AwaitingApproval)).Items);
        Assert.StartsWith("sum-nw-general-20260314-", summary.Key.Value);
        Assert.Equal(200.50m, summary.Amount);
        Assert.Empty(bed.Where("account.move", "ref", summary.Key.Value));

        Assert.True((await bed.CommandAsync(new ApprovePosting(Revenue, summary.Key, "finance.lead"))).Done);
        await bed.WaitForAsync(_ => Posted(bed, summary.Key.Value), "the approved summary entry");
        // The payment needs no invoice in Odoo: a plain customer payment, sent with the summary.
        await bed.WaitForAsync(_ => bed.Where("account.payment", "memo", "pay-nw-general-claim-s1-pay-s1").Any(), "the payment");
        var entry = Assert.Single(bed.Where("account.move", "ref", summary.Key.Value));
        Assert.Equal("entry", entry["move_type"]);
        var lines = bed.Simulator.Records("account.move.line").Where(l => Convert.ToInt64(l["move_id"]) == Convert.ToInt64(entry["id"])).ToList();
        Assert.Equal(200.50m, lines.Sum(l => Convert.ToDecimal(l["debit"])));
        Assert.Equal(200.50m, lines.Sum(l => Convert.ToDecimal(l["credit"])));
        Assert.DoesNotContain(bed.Simulator.Records("account.move"), m => Equals(m["move_type"], "out_invoice"));
        Assert.Equal(0, status.Parked);
    }

    [Fact]
    public async Task A_flood_of_supply_postings_does_not_hold_up_an_invoice()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await bed.StartNodeAsync("actorsync.sinks.workflows.inventory { mode = real-time, size = 20 }");
        // Every Odoo call takes 150 ms: the inventory backlog below needs well over ten seconds.
        bed.Simulator.Faults.Latency = TimeSpan.FromMilliseconds(150);
        await Task.WhenAll(Enumerable.Range(1, 300).Select(i =>
            bed.Node!.SendAsync(new ConsumeItem(Item, $"flood-{i}", Quantity.Of(1m, "box"), Emergency, At.AddMinutes(i), Stamp("SupplyDelivery", $"flood-{i}")))));
        await WaitForStatusAsync(bed, Inventory, s => s.Pending > 100);

        var issued = DateTime.UtcNow;
        await IssueAsync(bed, "claim-urgent", 75m);
        await bed.WaitForAsync(_ => Posted(bed, "inv-nw-general-claim-urgent"), "the invoice during the flood", TimeSpan.FromSeconds(40));
        var took = DateTime.UtcNow - issued;

        var inventory = await bed.StatusAsync(Inventory);
        Assert.True(inventory.Pending > 0, "the supply backlog should still be draining when the invoice is in Odoo");
        // The bound: the revenue flow's own window and calls (~2 s on an idle machine, 10 s seen on a
        // loaded CI runner), never the supply backlog's (15 batches of ≥ 10 calls of 150 ms: ≥ 22 s).
        Assert.True(took < TimeSpan.FromSeconds(20), $"the invoice took {took.TotalSeconds:F1} s with {inventory.Pending} supply postings waiting");
    }

    [Fact]
    public async Task A_sink_id_whose_site_is_not_its_legal_entitys_makes_no_sink()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await bed.StartNodeAsync();
        await IssueAsync(bed, "claim-w", 33m);
        await bed.WaitForAsync(_ => Posted(bed, "inv-nw-general-claim-w"), "the invoice through its own sink");

        // Lakeside does not own nw-general: no sink may follow that site's stream into Lakeside's company.
        await Assert.ThrowsAsync<AskTimeoutException>(() => bed.Node!.Sinks!.Ask<SinkStatus>(new GetSinkStatus("lakeside-care/nw-general/revenue"), TimeSpan.FromSeconds(2)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var lakeside = Convert.ToInt64(Assert.Single(bed.Simulator.Records("res.company"), c => Equals(c["name"], "Lakeside Care Group"))["id"]);
        Assert.DoesNotContain(bed.Simulator.Records("account.move"), m => Convert.ToInt64(m["company_id"]) == lakeside);
    }

    [Fact]
    public async Task Billing_goes_at_once_while_accounting_waits_for_its_batch()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await bed.StartNodeAsync("actorsync.sinks.workflows { billing { mode = real-time }\naccounting { mode = micro-batch, window = 10m, size = 2 } }");
        await IssueAsync(bed, "claim-b1", 90m);
        await IssueAsync(bed, "claim-b2", 60m);
        await bed.WaitForAsync(_ => Posted(bed, "inv-nw-general-claim-b1") && Posted(bed, "inv-nw-general-claim-b2"), "the invoices, each at once");

        await PayAsync(bed, "claim-b1", "pay-b1", 40m);
        var waiting = await WaitForStatusAsync(bed, Revenue, s => s.Pending == 1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(bed.Where("account.payment", "memo", "pay-nw-general-claim-b1-pay-b1"));
        Assert.Contains("billing real-time, accounting micro-batch 600s", waiting.Mode, StringComparison.Ordinal);

        // The second payment fills the accounting batch: both go together.
        await PayAsync(bed, "claim-b2", "pay-b2", 60m);
        await bed.WaitForAsync(_ => bed.Where("account.payment", "memo", "pay-nw-general-claim-b1-pay-b1").Any() && bed.Where("account.payment", "memo", "pay-nw-general-claim-b2-pay-b2").Any(), "both payments in one batch");
    }

    [Fact]
    public async Task The_master_data_schedule_makes_again_what_was_deleted_in_Odoo()
    {
        await using var bed = await SinkTestBed.StartAsync();
        await bed.StartNodeAsync("actorsync.sinks.workflows.master-data { mode = micro-batch, window = 2s }");
        await bed.WaitForAsync(_ => bed.Where("account.analytic.account", "name", "NW-GEN Emergency").Any(), "the department's analytic account, at the sink's start");
        var first = Convert.ToInt64(Assert.Single(bed.Where("account.analytic.account", "name", "NW-GEN Emergency"))["id"]);

        using (var http = new HttpClient { BaseAddress = bed.Simulator.BaseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("bearer", SinkTestBed.ApiKey);
            using var unlink = await http.PostAsync("json/2/account.analytic.account/unlink", new StringContent($$"""{"ids":[{{first}}]}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.True(unlink.IsSuccessStatusCode, await unlink.Content.ReadAsStringAsync());
        }
        Assert.Empty(bed.Where("account.analytic.account", "name", "NW-GEN Emergency"));

        await bed.WaitForAsync(_ => bed.Where("account.analytic.account", "name", "NW-GEN Emergency").Any(), "the schedule to make it again");
        var again = Convert.ToInt64(Assert.Single(bed.Where("account.analytic.account", "name", "NW-GEN Emergency"))["id"]);
        Assert.NotEqual(first, again);

        // An invoice of that department afterwards names the account made again, not the deleted one.
        await IssueAsync(bed, "claim-after-refresh", 75m);
        await bed.WaitForAsync(_ => Posted(bed, "inv-nw-general-claim-after-refresh"), "the invoice, on the account made again");
        var status = await WaitForStatusAsync(bed, Revenue, s => s.Pending == 0);
        Assert.Equal(0, status.Parked);
    }

    private static async Task<SinkStatus> WaitForStatusAsync(SinkTestBed bed, string sink, Func<SinkStatus, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await bed.StatusAsync(sink);
            if (done(status))
                return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"sink {sink}: {status}");
            await Task.Delay(100);
        }
    }
}
