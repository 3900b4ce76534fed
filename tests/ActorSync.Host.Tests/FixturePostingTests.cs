using System.Text.Json;
using ActorSync.Fhir.Tests;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// End to end with real processes: the Synthea fixtures (../shared, read in place) imported into a
/// node whose sinks post to the Odoo simulator running as its own process; Odoo then holds exactly
/// one posted invoice per issued invoice with the same totals, one payment per payment, one done
/// transfer per consumption — and importing everything again adds nothing in Odoo.
/// </summary>
public sealed class FixturePostingTests : IDisposable
{
    private const string Key = "fixture-posting-test-key";
    private static readonly Dictionary<string, string> WithKey = new() { ["ACTORSYNC_ODOO_KEY"] = Key };
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-fixture-posting-").FullName;

    [FixtureFact]
    public async Task Synthea_fixtures_reach_Odoo_once_each_with_the_journals_totals()
    {
        var files = FixtureNetwork.Read(SharedFixtures.Synthea, SharedFixtures.Ndjson);
        var network = Path.Combine(_work, "synthea-network.conf");
        await File.WriteAllTextAsync(network, files.Hocon());
        using var sim = await SimulatorProcess.StartAsync(WithKey, _work, "--config", network);
        var url = sim.Url;
        var odoo = Path.Combine(_work, "odoo.conf");
        await File.WriteAllTextAsync(odoo, $"actorsync.odoo.url = \"{url}\"\nactorsync.sinks.flows.revenue {{ mode = micro-batch, window = 300ms }}\n");

        var first = await ImportAsync(network, odoo, files.FirstSite);
        Assert.True(first.GetProperty("sinksIdle").GetBoolean());
        Assert.Equal((0, 0, 0), (first.GetProperty("rejected").GetInt32(), first.GetProperty("parkedPostings").GetInt32(), first.GetProperty("awaitingApproval").GetInt32()));

        var (issued, issuedTotal, payments, consumptions) = JournalFacts.Read(_work);
        Assert.True(issued > 0 && payments > 0 && consumptions > 0, $"the fixtures should issue, pay and consume: {issued}, {payments}, {consumptions}");
        var invoices = await sim.InvoicesAsync();
        Assert.Equal(issued, invoices.Count);
        Assert.All(invoices, m => Assert.Equal("posted", m.GetProperty("state").GetString()));
        Assert.Equal(issued, invoices.Select(m => m.GetProperty("ref").GetString()).Distinct().Count());
        Assert.Equal(issuedTotal, invoices.Sum(m => m.GetProperty("amount_total").GetDecimal()));
        Assert.Equal(payments, (await sim.RecordsAsync("account.payment")).Count);
        var pickings = await sim.RecordsAsync("stock.picking");
        Assert.Equal(consumptions, pickings.Count);
        Assert.All(pickings, p => Assert.Equal("done", p.GetProperty("state").GetString()));

        var again = await ImportAsync(network, odoo, files.FirstSite);
        Assert.Equal(0, again.GetProperty("accepted").GetInt32());
        Assert.Equal(invoices.Count, (await sim.InvoicesAsync()).Count);
        Assert.Equal(payments, (await sim.RecordsAsync("account.payment")).Count);
        Assert.Equal(consumptions, (await sim.RecordsAsync("stock.picking")).Count);

        Assert.Equal(0, await sim.StopAsync());
    }

    private async Task<JsonElement> ImportAsync(string network, string odoo, string site)
    {
        using var import = ActorSyncProcess.Start(WithKey, _work, ["import", SharedFixtures.Synthea, SharedFixtures.Ndjson, "--config", network, "--config", odoo,
            "--site", site, "--source", "synthea", "--json", "--wait-for-sinks"]);
        var exit = await import.WaitForExitAsync(TimeSpan.FromMinutes(8));
        Assert.True(exit == 0, import.Stdout + import.Stderr);
        return JsonDocument.Parse(import.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]).RootElement.Clone();
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
