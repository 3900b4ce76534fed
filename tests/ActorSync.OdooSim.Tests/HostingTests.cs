using System.Diagnostics;
using Xunit;

namespace ActorSync.OdooSim.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Records_kept_in_a_SQLite_file_survive_a_restart()
    {
        var file = Path.Combine(Path.GetTempPath(), $"odoosim-{Guid.NewGuid():N}.db");
        try
        {
            var options = TwoCompanies.Options with { SqliteFile = file };
            int invoice;
            await using (var sim = await TwoCompanies.StartAsync(options))
            {
                using var client = new OdooClient(sim.BaseAddress);
                invoice = await TwoCompanies.InvoiceAsync(client);
                await client.CallAsync("account.move", "action_post", $"[[{invoice}]]");
            }
            await using (var restarted = await TwoCompanies.StartAsync(options))
            {
                using var client = new OdooClient(restarted.BaseAddress);
                var read = await client.CallAsync("account.move", "read", $"[[{invoice}]]", """{"fields":["name","amount_total"]}""");
                var next = await TwoCompanies.InvoiceAsync(client);

                Assert.Equal($$"""[{"id":{{invoice}},"name":"INV/2026/00001","amount_total":1000.0}]""", read!.ToJsonString());
                Assert.Equal(invoice + 1, next);
                Assert.Equal(1, restarted.Count("res.company") - 1);
            }
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
        }
    }

    [Fact]
    public async Task Records_can_be_listed_with_only_the_fields_a_poller_needs()
    {
        await using var sim = await TwoCompanies.StartAsync(TwoCompanies.Options);
        using var client = new OdooClient(sim.BaseAddress);
        var invoice = await TwoCompanies.InvoiceAsync(client);
        await client.CallAsync("account.move", "action_post", $"[[{invoice}]]");

        var full = Assert.Single(sim.Records("account.move"), r => Convert.ToInt64(r["id"], System.Globalization.CultureInfo.InvariantCulture) == invoice);
        var narrow = Assert.Single(sim.Records("account.move", ["id", "state"]), r => Convert.ToInt64(r["id"], System.Globalization.CultureInfo.InvariantCulture) == invoice);

        Assert.Equal(["id", "state"], narrow.Keys.Order());
        Assert.Equal("posted", narrow["state"]);
        Assert.Equal(full["state"], narrow["state"]);
        Assert.Contains("amount_total", full.Keys);
    }

    [Fact]
    public async Task The_Odoo19_cost_model_adds_at_least_its_latency_and_queues_on_one_worker()
    {
        await using var sim = await TwoCompanies.StartAsync(TwoCompanies.Options with { Costs = SimulatorCosts.Odoo19 });
        using var client = new OdooClient(sim.BaseAddress);
        var partner = await TwoCompanies.PartnerAsync(client);
        var (receivable, sales, misc) = (await TwoCompanies.AccountAsync(client, 1, "121000"), await TwoCompanies.AccountAsync(client, 1, "400000"), await TwoCompanies.JournalAsync(client, 1, "MISC"));
        var entry = $$"""{"move_type":"entry","journal_id":{{misc}},"line_ids":[[0,0,{"account_id":{{receivable}},"partner_id":{{partner}},"debit":1.0}],[0,0,{"account_id":{{sales}},"credit":1.0}]]}""";

        var clock = Stopwatch.StartNew();
        await client.CallAsync("account.move", "create", $"[[{string.Join(",", Enumerable.Repeat(entry, 10))}]]");
        var batch = clock.Elapsed;
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.Json2Async("res.partner", "search_count", """{"domain":[]}""")));
        var queued = clock.Elapsed;

        Assert.True(batch >= TimeSpan.FromMilliseconds(12 + 53 + 64), $"10 entries took {batch.TotalMilliseconds} ms");
        Assert.True(queued >= TimeSpan.FromMilliseconds(4 * 12), $"4 reads on one worker took {queued.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task The_control_surface_reports_health_records_counts_and_sets_faults()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        await client.ExecuteAsync("res.partner", "search_count", "[[]]");

        var health = await client.GetAsync("/sim/health");
        var count = await client.GetAsync("/sim/count/res.company");
        var records = await client.GetAsync("/sim/records/res.company");
        var set = await client.PostAsync("/sim/faults", """{"errorRate":1.0}""");
        var faulted = await client.Json2Async("res.partner", "search", """{"domain":[]}""");
        var control = await client.GetAsync("/sim/health");
        var cleared = await client.PostAsync("/sim/faults", "{}");
        var healed = await client.Json2Async("res.partner", "search", """{"domain":[]}""");
        var unknown = await client.GetAsync("/sim/count/x.no.such.model");

        Assert.Equal(("ok", 1L), ((string)health.Json!["status"]!, (long)health.Json["calls"]!));
        Assert.Equal("2", count.Text);
        Assert.Equal([TwoCompanies.A, TwoCompanies.B], records.Json!.AsArray().Select(r => (string)r!["name"]!));
        Assert.Equal((200, 1.0), (set.Status, (double)set.Json!["errorRate"]!));
        Assert.Equal((503, 200, 200), (faulted.Status, control.Status, healed.Status));
        Assert.Equal(0.0, (double)cleared.Json!["errorRate"]!);
        Assert.Equal(400, unknown.Status);
        Assert.Equal(3, sim.CallCount);
    }
}
