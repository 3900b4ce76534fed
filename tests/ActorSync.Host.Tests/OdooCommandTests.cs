using System.Text.Json;
using System.Text.RegularExpressions;
using ActorSync.OdooSim;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary><c>actorsync odoo sim</c> and <c>actorsync odoo check</c> as real processes over real HTTP.</summary>
public sealed partial class OdooCommandTests : IDisposable
{
    private const string Key = "host-test-odoo-key-0123456789";
    private static readonly Dictionary<string, string> WithKey = new() { ["ACTORSYNC_ODOO_KEY"] = Key };
    private readonly string _folder = Directory.CreateTempSubdirectory("actorsync-odoo-").FullName;

    private string Config(string url, string protocol = "json-2")
    {
        var file = Path.Combine(_folder, $"odoo-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, $"actorsync.odoo {{ url = \"{url}\", protocol = {protocol}, retry.base-delay = 20ms }}");
        return file;
    }

    private static async Task<ActorSyncProcess> CheckAsync(string config, IReadOnlyDictionary<string, string> environment, params string[] more)
    {
        var check = ActorSyncProcess.Start(environment, Path.GetTempPath(), ["odoo", "check", "--config", config, .. more]);
        await check.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return check;
    }

    [Fact]
    public void Outage_windows_are_read_from_hocon_and_a_malformed_one_is_named()
    {
        var hocon = Actors.Configuration.HoconFiles.Load(Actors.Configuration.HoconFiles.DefaultFolder(), []);
        var network = Actors.Configuration.NetworkSettings.From(hocon);
        var with = Akka.Configuration.ConfigurationFactory.ParseString("actorsync.odoo-sim.faults.outage-windows = [\"30s+20s\", \"2m+10s refuse\"]").WithFallback(hocon);

        var (options, _) = Commands.OdooSimCommand.Options(with, network, _ => Key);

        Assert.Equal([new OutageWindow(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20)), new OutageWindow(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10), RefuseConnections: true)], options.Faults.OutageWindows);
        var bad = Akka.Configuration.ConfigurationFactory.ParseString("actorsync.odoo-sim.faults.outage-windows = [\"30s for 20s\"]").WithFallback(hocon);
        var problem = Assert.Throws<Actors.Configuration.ConfigurationProblem>(() => Commands.OdooSimCommand.Options(bad, network, _ => Key));
        Assert.Contains("outage-windows '30s for 20s' is not AFTER+FOR", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_simulator_seeded_from_the_network_passes_the_check_on_both_protocols()
    {
        using var sim = ActorSyncProcess.Start(WithKey, Path.GetTempPath(), "odoo", "sim", "--port", "0");
        await sim.WaitForOutputAsync("Press Ctrl+C", TimeSpan.FromSeconds(60));
        var url = Address().Match(sim.Stdout).Value;
        Assert.DoesNotContain(Key, sim.Stdout);

        foreach (var protocol in new[] { "json-2", "json-rpc" })
        {
            using var check = await CheckAsync(Config(url, protocol), WithKey);
            Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
            Assert.Contains("Odoo 19.0", check.Stdout);
            Assert.Contains("User: Administrator (admin)", check.Stdout);
            Assert.Matches(@"lakeside-care\s+analytic account\s+LSC Emergency\s+id \d+", check.Stdout);
            Assert.Matches(@"northwind-health\s+product\s+ACT-SUP-GLOVES\s+id \d+", check.Stdout);
            Assert.Matches(@"All \d+ mapped records exist\.", check.Stdout);
            Assert.DoesNotContain("MISSING", check.Stdout);
        }

        using var json = await CheckAsync(Config(url), WithKey, "--json");
        using var report = JsonDocument.Parse(json.Stdout.Trim().Split('\n')[^1]);
        Assert.True(report.RootElement.GetProperty("allFound").GetBoolean());
        Assert.Equal(2, report.RootElement.GetProperty("companies").GetArrayLength());

        sim.Terminate();
        Assert.Equal(0, await sim.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_check_names_what_is_missing_and_exits_1()
    {
        await using var sim = await OdooSimulator.StartAsync(new SimulatorOptions
        {
            Companies = [new SimCompany("Northwind Health Partners")],
            Users = [new SimUser("admin", "admin", Key, Name: "Administrator")],
        });
        using var check = await CheckAsync(Config(sim.BaseAddress.ToString()), WithKey);
        Assert.Equal(1, check.ExitCode);
        Assert.Matches(@"lakeside-care\s+company\s+Lakeside Care Group\s+MISSING", check.Stdout);
        Assert.Matches(@"northwind-health\s+account\s+121000\s+id \d+", check.Stdout);
        Assert.Matches(@"northwind-health\s+vendor\s+MedSupply Co\s+MISSING", check.Stdout);
        Assert.Contains("mapped records are missing", check.Stdout);
    }

    [Fact]
    public async Task An_unreachable_Odoo_a_wrong_key_and_a_missing_key_are_readable_errors()
    {
        using var unreachable = await CheckAsync(Config("http://127.0.0.1:9"), WithKey);
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("could not be reached", unreachable.Stderr);
        Assert.DoesNotContain("   at ", unreachable.Stderr);

        await using var sim = await OdooSimulator.StartAsync(new SimulatorOptions { Users = [new SimUser("admin", "admin", "another-key-entirely")] });
        using var refused = await CheckAsync(Config(sim.BaseAddress.ToString()), WithKey);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("Unauthorized", refused.Stderr);
        Assert.DoesNotContain(Key, refused.Stderr + refused.Stdout);

        using var noKey = await CheckAsync(Config(sim.BaseAddress.ToString()), new Dictionary<string, string> { ["ACTORSYNC_ODOO_KEY"] = "" });
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("ACTORSYNC_ODOO_KEY", noKey.Stderr);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Address();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
