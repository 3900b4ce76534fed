using System.Text.Json;
using ActorSync.Fhir.Tests;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// <c>actorsync demo</c> as a user runs it, in its own process: a generated day through a single
/// node on SQLite into the built-in simulator, reconciled; and run again on the same folder, where
/// everything is a duplicate and Odoo gains nothing.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-demo-").FullName;

    [Fact]
    public async Task The_demo_posts_a_generated_day_reconciles_it_and_a_second_run_posts_nothing_again()
    {
        var first = await DemoAsync("--encounters-per-day", "12");
        Assert.True(first.GetProperty("sinksIdle").GetBoolean());
        Assert.True(first.GetProperty("accepted").GetInt32() > 0);
        Assert.True(first.GetProperty("duplicates").GetInt32() > 0, "the generator resends some resources unchanged");
        Assert.Equal((0, 0), (first.GetProperty("rejected").GetInt32(), first.GetProperty("parked").GetInt32()));
        var postings = first.GetProperty("postings");
        Assert.True(postings.GetProperty("Lakeside Care Group").GetProperty("invoice").GetInt32() > 0);
        Assert.True(postings.GetProperty("Northwind Health Partners").GetProperty("payment").GetInt32() > 0);
        // Northwind posts a day's invoices as one summary entry per site, which finance approves.
        Assert.True(first.GetProperty("awaitingApproval").GetInt32() >= 2);
        Assert.True(first.GetProperty("postedToOdoo").GetInt32() > 0);
        var reconciliation = first.GetProperty("reconciliation");
        Assert.Equal(0, reconciliation.GetProperty("differences").GetInt32());
        Assert.True(reconciliation.GetProperty("entriesChecked").GetInt32() > 0);
        Assert.Equal(reconciliation.GetProperty("entriesChecked").GetInt32(), reconciliation.GetProperty("entriesBalanced").GetInt32());

        var second = await DemoAsync("--encounters-per-day", "12");
        Assert.Equal(0, second.GetProperty("accepted").GetInt32());
        // Resent older versions of corrected resources are out of order now; nothing else is new.
        Assert.Equal(first.GetProperty("resources").GetInt32() - first.GetProperty("ignored").GetInt32(),
            second.GetProperty("duplicates").GetInt32() + second.GetProperty("outOfOrder").GetInt32());
        Assert.Equal(first.GetProperty("postedToOdoo").GetInt32(), second.GetProperty("postedToOdoo").GetInt32());
        Assert.Equal(0, second.GetProperty("reconciliation").GetProperty("differences").GetInt32());
        Assert.Equal(reconciliation.GetProperty("entriesChecked").GetInt32(), second.GetProperty("reconciliation").GetProperty("entriesChecked").GetInt32());
    }

    [FixtureFact]
    public async Task Foreign_FHIR_data_is_onboarded_by_the_demo_policy_and_flows_into_Odoo()
    {
        var result = await DemoAsync("--data", SharedFixtures.Synthea);
        Assert.True(result.GetProperty("sinksIdle").GetBoolean());
        Assert.True(result.GetProperty("postedToOdoo").GetInt32() > 0);
        Assert.Equal(0, result.GetProperty("parkedPostings").GetInt32());
        Assert.Equal(0, result.GetProperty("reconciliation").GetProperty("differences").GetInt32());
        Assert.Contains("demo-site-001", await File.ReadAllTextAsync(Path.Combine(_work, "demo", "demo-onboarding.conf")));
    }

    [Fact]
    public async Task Against_an_Odoo_given_by_url_the_demo_makes_what_the_network_needs_once_and_posts_there()
    {
        // A fresh Odoo: one company of its own, none of the network's.
        await using var odoo = await OdooSim.OdooSimulator.StartAsync(new OdooSim.SimulatorOptions
        {
            Database = "hospital", Companies = [new OdooSim.SimCompany("YourCompany")], Users = [new OdooSim.SimUser("integration", "pw", "url-demo-key-0123456789", Name: "Integration")],
        });
        string[] args = ["--odoo-url", odoo.BaseAddress.ToString(), "--odoo-db", "hospital", "--odoo-user", "integration", "--encounters-per-day", "4"];
        var first = await DemoAsync(new Dictionary<string, string> { ["ACTORSYNC_ODOO_KEY"] = "url-demo-key-0123456789" }, args);
        Assert.True(first.Json.GetProperty("postedToOdoo").GetInt32() > 0);
        Assert.Equal(0, first.Json.GetProperty("reconciliation").GetProperty("differences").GetInt32());
        Assert.Contains("company Northwind Health Partners", first.Stdout);
        var companies = odoo.Count("res.company");
        Assert.Equal(3, companies);
        Assert.Contains(odoo.Records("stock.location"), l => Equals(l["name"], "Consumption"));

        var second = await DemoAsync(new Dictionary<string, string> { ["ACTORSYNC_ODOO_KEY"] = "url-demo-key-0123456789" }, args);
        Assert.Contains("everything the network needs was there", second.Stdout);
        Assert.Equal((companies, 0), (odoo.Count("res.company"), second.Json.GetProperty("accepted").GetInt32()));
        Assert.Equal(first.Json.GetProperty("postedToOdoo").GetInt32(), second.Json.GetProperty("postedToOdoo").GetInt32());
    }

    [Fact]
    public async Task Without_the_key_of_the_Odoo_given_by_url_the_demo_says_where_it_goes()
    {
        using var demo = ActorSyncProcess.Start(_work, "demo", "--odoo-url", "http://127.0.0.1:9", "--data-dir", Path.Combine(_work, "demo"));
        Assert.Equal(2, await demo.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("ACTORSYNC_ODOO_KEY", demo.Stderr);
    }

    [Fact]
    public async Task A_data_folder_that_does_not_exist_is_a_readable_error()
    {
        using var demo = ActorSyncProcess.Start(_work, "demo", "--data", Path.Combine(_work, "nowhere"), "--data-dir", Path.Combine(_work, "demo"));
        Assert.Equal(2, await demo.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("no such file or folder", demo.Stderr);
        Assert.DoesNotContain("   at ", demo.Stderr);
    }

    private async Task<JsonElement> DemoAsync(params string[] args) => (await DemoAsync(new Dictionary<string, string>(), args)).Json;

    private async Task<(JsonElement Json, string Stdout)> DemoAsync(Dictionary<string, string> environment, params string[] args)
    {
        using var demo = ActorSyncProcess.Start(environment, _work, ["demo", "--data-dir", Path.Combine(_work, "demo"), "--json", .. args]);
        var exit = await demo.WaitForExitAsync(TimeSpan.FromMinutes(8));
        Assert.True(exit == 0, demo.Stdout + demo.Stderr);
        Assert.Contains("Reconciliation", demo.Stdout);
        return (demo.LastJson(), demo.Stdout);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
