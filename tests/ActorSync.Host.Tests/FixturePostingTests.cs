using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorSync.Fhir.Tests;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// End to end with real processes: the Synthea fixtures (../shared, read in place) imported into a
/// node whose sinks post to the Odoo simulator running as its own process; Odoo then holds exactly
/// one posted invoice per issued invoice with the same totals, one payment per payment, one done
/// transfer per consumption — and importing everything again adds nothing in Odoo.
/// </summary>
public sealed partial class FixturePostingTests : IDisposable
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
        using var sim = ActorSyncProcess.Start(WithKey, _work, "odoo", "sim", "--port", "0", "--config", network);
        await sim.WaitForOutputAsync("Press Ctrl+C", TimeSpan.FromSeconds(60));
        var url = Address().Match(sim.Stdout).Value;
        var odoo = Path.Combine(_work, "odoo.conf");
        await File.WriteAllTextAsync(odoo, $"actorsync.odoo.url = \"{url}\"\nactorsync.sinks.flows.revenue {{ mode = micro-batch, window = 300ms }}\n");

        var first = await ImportAsync(network, odoo, files.FirstSite);
        Assert.True(first.GetProperty("sinksIdle").GetBoolean());
        Assert.Equal((0, 0, 0), (first.GetProperty("rejected").GetInt32(), first.GetProperty("parkedPostings").GetInt32(), first.GetProperty("awaitingApproval").GetInt32()));

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var (issued, issuedTotal, payments, consumptions) = Journal();
        Assert.True(issued > 0 && payments > 0 && consumptions > 0, $"the fixtures should issue, pay and consume: {issued}, {payments}, {consumptions}");
        var invoices = (await RecordsAsync(http, "account.move")).Where(m => m.GetProperty("move_type").GetString() == "out_invoice").ToList();
        Assert.Equal(issued, invoices.Count);
        Assert.All(invoices, m => Assert.Equal("posted", m.GetProperty("state").GetString()));
        Assert.Equal(issued, invoices.Select(m => m.GetProperty("ref").GetString()).Distinct().Count());
        Assert.Equal(issuedTotal, invoices.Sum(m => m.GetProperty("amount_total").GetDecimal()));
        Assert.Equal(payments, (await RecordsAsync(http, "account.payment")).Count);
        var pickings = await RecordsAsync(http, "stock.picking");
        Assert.Equal(consumptions, pickings.Count);
        Assert.All(pickings, p => Assert.Equal("done", p.GetProperty("state").GetString()));

        var again = await ImportAsync(network, odoo, files.FirstSite);
        Assert.Equal(0, again.GetProperty("accepted").GetInt32());
        Assert.Equal(invoices.Count, (await RecordsAsync(http, "account.move")).Count(m => m.GetProperty("move_type").GetString() == "out_invoice"));
        Assert.Equal(payments, (await RecordsAsync(http, "account.payment")).Count);
        Assert.Equal(consumptions, (await RecordsAsync(http, "stock.picking")).Count);

        sim.Terminate();
        Assert.Equal(0, await sim.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private async Task<JsonElement> ImportAsync(string network, string odoo, string site)
    {
        using var import = ActorSyncProcess.Start(WithKey, _work, ["import", SharedFixtures.Synthea, SharedFixtures.Ndjson, "--config", network, "--config", odoo,
            "--site", site, "--source", "synthea", "--json", "--wait-for-sinks"]);
        var exit = await import.WaitForExitAsync(TimeSpan.FromMinutes(8));
        Assert.True(exit == 0, import.Stdout + import.Stderr);
        return JsonDocument.Parse(import.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]).RootElement.Clone();
    }

    private static async Task<List<JsonElement>> RecordsAsync(HttpClient http, string model) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"sim/records/{model}")).EnumerateArray()];

    /// <summary>What the journal says should be in Odoo: issued invoices (and their totals), payments, consumptions.</summary>
    private (int Issued, decimal IssuedTotal, int Payments, int Consumptions) Journal()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_work, "data", "actorsync.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest, payload FROM event_journal WHERE manifest IN ('invoice-issued.v1', 'payment-received.v1', 'item-consumed.v1')";
        using var reader = command.ExecuteReader();
        var (issued, total, payments, consumptions) = (0, 0m, 0, 0);
        while (reader.Read())
        {
            switch (reader.GetString(0))
            {
                case "invoice-issued.v1":
                    issued++;
                    using (var e = JsonDocument.Parse((byte[])reader["payload"]))
                        total += decimal.Parse(e.RootElement.GetProperty("total").GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);
                    break;
                case "payment-received.v1":
                    payments++;
                    break;
                default:
                    consumptions++;
                    break;
            }
        }
        return (issued, total, payments, consumptions);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Address();

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
