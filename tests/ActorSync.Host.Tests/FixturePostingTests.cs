using System.Text.Json;
using ActorSync.Fhir.Tests;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// End to end with real processes: the Synthea fixtures (../shared, read in place) imported into a
/// node whose sites belong to two legal entities, whose sinks post to the Odoo simulator running as
/// its own process. Each Odoo company then holds exactly the invoices and payments, with the totals,
/// that the FHIR files give for its sites (worked out from the JSON, FixtureRevenue), each once; one
/// done transfer per delivery — and importing everything again adds nothing in Odoo.
/// </summary>
public sealed class FixturePostingTests : IDisposable
{
    private const string Key = "fixture-posting-test-key";
    private static readonly Dictionary<string, string> WithKey = new() { ["ACTORSYNC_ODOO_KEY"] = Key };
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-fixture-posting-").FullName;

    [FixtureFact]
    public async Task Synthea_fixtures_reach_each_company_once_each_with_the_counts_and_totals_the_FHIR_files_give()
    {
        var files = FixtureNetwork.Read(SharedFixtures.Synthea, SharedFixtures.Ndjson);
        var expected = FixtureRevenue.PerLegalEntity(files);
        var network = Path.Combine(_work, "synthea-network.conf");
        await File.WriteAllTextAsync(network, files.Hocon());
        using var sim = await SimulatorProcess.StartAsync(WithKey, _work, "--config", network);
        var odoo = Path.Combine(_work, "odoo.conf");
        await File.WriteAllTextAsync(odoo, $"actorsync.odoo.url = \"{sim.Url}\"\nactorsync.sinks.workflows.accounting {{ mode = micro-batch, window = 300ms }}\n");

        var first = await ImportAsync(network, odoo, files.FirstSite);
        Assert.True(first.GetProperty("sinksIdle").GetBoolean());
        Assert.Equal((0, 0, 0), (first.GetProperty("rejected").GetInt32(), first.GetProperty("parkedPostings").GetInt32(), first.GetProperty("awaitingApproval").GetInt32()));

        var companies = (await sim.RecordsAsync("res.company")).ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("id").GetInt64());
        var invoices = await sim.InvoicesAsync();
        var payments = await sim.RecordsAsync("account.payment");
        Assert.All(invoices, m => Assert.Equal("posted", m.GetProperty("state").GetString()));
        Assert.Equal(invoices.Count, invoices.Select(m => m.GetProperty("ref").GetString()).Distinct().Count());
        foreach (var (legalEntity, company) in FixtureNetwork.LegalEntities)
        {
            var mine = invoices.Where(m => CompanyOf(m) == companies[company]).ToList();
            var paid = payments.Where(p => CompanyOf(p) == companies[company]).ToList();
            var held = new FixtureRevenue(mine.Count, mine.Sum(m => m.GetProperty("amount_total").GetDecimal()), paid.Count, paid.Sum(p => p.GetProperty("amount").GetDecimal()));
            Assert.True(expected[legalEntity].Invoices > 0 && expected[legalEntity].Payments > 0, $"{legalEntity} should have invoices and payments: {expected[legalEntity]}");
            Assert.Equal(expected[legalEntity], held);
        }
        Assert.Equal(expected.Values.Sum(r => r.Invoices), invoices.Count);
        var journal = JournalFacts.Read(_work);
        Assert.Equal((journal.Issued, journal.Payments), (invoices.Count, payments.Count));
        var pickings = await sim.RecordsAsync("stock.picking");
        Assert.Equal(files.CompletedDeliveries, pickings.Count);
        Assert.Equal(journal.Consumptions, pickings.Count);
        Assert.All(pickings, p => Assert.Equal("done", p.GetProperty("state").GetString()));

        var again = await ImportAsync(network, odoo, files.FirstSite);
        Assert.Equal(0, again.GetProperty("accepted").GetInt32());
        Assert.Equal(invoices.Count, (await sim.InvoicesAsync()).Count);
        Assert.Equal(payments.Count, (await sim.RecordsAsync("account.payment")).Count);
        Assert.Equal(pickings.Count, (await sim.RecordsAsync("stock.picking")).Count);

        Assert.Equal(0, await sim.StopAsync());
    }

    // A many2one as the simulator stores it: the id, or [id, name] as Odoo reads it.
    private static long CompanyOf(JsonElement record) =>
        record.GetProperty("company_id") is { ValueKind: JsonValueKind.Array } pair ? pair[0].GetInt64() : record.GetProperty("company_id").GetInt64();

    private async Task<JsonElement> ImportAsync(string network, string odoo, string site)
    {
        using var import = ActorSyncProcess.Start(WithKey, _work, ["import", SharedFixtures.Synthea, SharedFixtures.Ndjson, "--config", network, "--config", odoo,
            "--site", site, "--source", "synthea", "--json", "--wait-for-sinks"]);
        var exit = await import.WaitForExitAsync(TimeSpan.FromMinutes(8));
        Assert.True(exit == 0, import.Stdout + import.Stderr);
        return import.LastJson();
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
