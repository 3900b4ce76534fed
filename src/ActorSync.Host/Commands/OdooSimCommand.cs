using System.CommandLine;
using System.Security.Cryptography;
using ActorSync.Actors.Configuration;
using ActorSync.OdooSim;
using Akka.Configuration;

namespace ActorSync.Host.Commands;

/// <summary>
/// <c>actorsync odoo sim</c>: the Odoo simulator as its own process, seeded from the network so that
/// every company, product, vendor and analytic account the mapping names exists (and `odoo check` passes).
/// </summary>
internal static class OdooSimCommand
{
    private const string Root = "actorsync.odoo-sim";

    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = $"Port on 127.0.0.1 (default {Root}.port; 0 = a free one)" };
        var costs = new Option<string?>("--costs") { Description = "none, or odoo19: the latency of a real Odoo 19 with one worker" };
        var sqlite = new Option<string?>("--sqlite-file") { Description = "Keep the records in this SQLite file across restarts" };
        var errorRate = new Option<double?>("--error-rate") { Description = "Share of calls answered 503 (0-1)" };
        var dropRate = new Option<double?>("--commit-then-drop-rate") { Description = "Share of calls done and committed whose answer is then dropped (0-1)" };
        var outages = new Option<string[]>("--outage") { Description = "An outage after the start, AFTER+FOR (e.g. 30s+20s; 503 on every call), or 'AFTER+FOR refuse' (connections aborted); repeatable" };
        var config = CommonOptions.Config();
        var hocon = CommonOptions.HoconFolder();
        var sim = new Command("sim", "Run the Odoo simulator (JSON-2 and JSON-RPC on loopback) until Ctrl+C or SIGTERM")
        {
            port, costs, sqlite, errorRate, dropRate, outages, config, hocon,
        };
        sim.SetAction(async (parse, ct) =>
        {
            SimulatorOptions options;
            string? generatedKey;
            try
            {
                var settings = HoconFiles.Load(parse.GetValue(hocon) ?? HoconFiles.DefaultFolder(), parse.GetValue(config) ?? []);
                (options, generatedKey) = Options(settings, NetworkSettings.From(settings));
                options = options with
                {
                    Port = parse.GetValue(port) ?? options.Port,
                    Costs = parse.GetValue(costs) is { } c ? Costs(c, "--costs") : options.Costs,
                    SqliteFile = parse.GetValue(sqlite) ?? options.SqliteFile,
                    Faults = options.Faults with
                    {
                        ErrorRate = Rate(parse.GetValue(errorRate) ?? options.Faults.ErrorRate, "--error-rate"),
                        CommitThenDropRate = Rate(parse.GetValue(dropRate) ?? options.Faults.CommitThenDropRate, "--commit-then-drop-rate"),
                        OutageWindows = parse.GetValue(outages) is { Length: > 0 } given ? [.. given.Select(w => Window(w, "--outage"))] : options.Faults.OutageWindows,
                    },
                };
            }
            catch (ConfigurationProblem e)
            {
                await Console.Error.WriteLineAsync($"actorsync odoo sim: {e.Message}");
                return ExitCodes.BadConfiguration;
            }

            await using var simulator = await OdooSimulator.StartAsync(options, ct);
            Console.WriteLine($"Odoo simulator (Odoo 19 JSON-2 and JSON-RPC) on {simulator.BaseAddress}, database {options.Database}");
            Console.WriteLine($"  companies: {string.Join(", ", options.Companies.Select(c => c.Name))}");
            Console.WriteLine($"  costs:     {(options.Costs == SimulatorCosts.None ? "none" : "odoo19 (one worker)")}; records: {options.SqliteFile ?? "in memory"}");
            if (generatedKey is not null)
                Console.WriteLine($"  API key of {options.Users[0].Login} (made for this run; set it in the environment of ActorSync): {generatedKey}");
            foreach (var window in options.Faults.OutageWindows)
                Console.WriteLine($"  outage:    after {window.After} for {window.For}{(window.RefuseConnections ? ", connections aborted" : ", 503 on every call")}");
            Console.WriteLine("  control:   GET /sim/health, POST /sim/faults, GET /sim/records/<model>, GET /sim/count/<model>");
            Console.WriteLine("Press Ctrl+C (or send SIGTERM) to stop.");
            await StopSignal.WaitAsync(ct);
            Console.WriteLine("Stopping the simulator.");
            return ExitCodes.Ok;
        });
        return sim;
    }

    /// <summary>The simulator's options from <c>actorsync.odoo-sim</c>, seeded with what the network's mapping names.</summary>
    public static (SimulatorOptions Options, string? GeneratedKey) Options(Config config, NetworkSettings network, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var c = config.HasPath(Root) ? config.GetConfig(Root) : Config.Empty;
        var keyVariable = c.GetString("api-key-env", "ACTORSYNC_ODOO_KEY");
        var key = environment(keyVariable);
        var generated = string.IsNullOrWhiteSpace(key) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)) : null;
        var profiles = network.LegalEntities.Values.ToList();
        var faults = c.HasPath("faults") ? c.GetConfig("faults") : Config.Empty;
        var options = new SimulatorOptions
        {
            Port = c.GetInt("port", 8069),
            Database = c.GetString("database", "actorsync"),
            Companies = [.. profiles.Select(p => new SimCompany(p.OdooCompany, p.Currency.Code)).DistinctBy(co => co.Name)],
            Users = [new SimUser(c.GetString("login", "admin"), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), generated ?? key!, Name: "Administrator")],
            Products = [.. profiles.SelectMany(p => p.Products).DistinctBy(p => p.ErpProduct).Select(p => new SimProduct(p.ErpProduct, p.ErpProduct))],
            Partners = [.. profiles.SelectMany(p => p.Products).Select(p => p.Vendor).OfType<string>().Distinct().Select(v => new SimPartner(v))],
            AnalyticAccounts = [.. profiles.SelectMany(p => p.Sites.SelectMany(s => s.Departments).Select(d => new SimAnalyticAccount(d.AnalyticAccount, p.OdooCompany))).Distinct()],
            Costs = Costs(c.GetString("costs", "none"), $"{Root}.costs"),
            SqliteFile = c.GetString("sqlite-file", "") is { Length: > 0 } file ? file : null,
            Faults = new FaultSettings
            {
                Latency = faults.GetTimeSpan("latency", TimeSpan.Zero),
                ErrorRate = Rate(faults.GetDouble("error-rate", 0), $"{Root}.faults.error-rate"),
                TimeoutRate = Rate(faults.GetDouble("timeout-rate", 0), $"{Root}.faults.timeout-rate"),
                CommitThenDropRate = Rate(faults.GetDouble("commit-then-drop-rate", 0), $"{Root}.faults.commit-then-drop-rate"),
                SerializationFailureRate = Rate(faults.GetDouble("serialization-failure-rate", 0), $"{Root}.faults.serialization-failure-rate"),
                Seed = faults.GetInt("seed", 1),
                OutageWindows = faults.HasPath("outage-windows") ? [.. faults.GetStringList("outage-windows").Select(w => Window(w, $"{Root}.faults.outage-windows"))] : [],
            },
        };
        return (options, generated);
    }

    /// <summary><c>AFTER+FOR</c> in HOCON durations (<c>30s+20s</c>), optionally followed by <c>refuse</c>.</summary>
    internal static OutageWindow Window(string text, string key)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var times = parts.Length is 1 or 2 && (parts.Length == 1 || parts[1] == "refuse") ? parts[0].Split('+') : [];
        try
        {
            if (times.Length == 2)
            {
                var read = ConfigurationFactory.ParseString($"after = {times[0]}\nfor = {times[1]}");
                var (after, length) = (read.GetTimeSpan("after"), read.GetTimeSpan("for"));
                if (after >= TimeSpan.Zero && length > TimeSpan.Zero)
                    return new OutageWindow(after, length, parts.Length == 2);
            }
        }
        catch (Exception e) when (e is FormatException or Akka.Configuration.ConfigurationException)
        {
        }
        throw new ConfigurationProblem($"{key} '{text}' is not AFTER+FOR (e.g. 30s+20s), optionally followed by 'refuse'");
    }

    private static SimulatorCosts Costs(string name, string key) => name switch
    {
        "none" => SimulatorCosts.None,
        "odoo19" => SimulatorCosts.Odoo19,
        _ => throw new ConfigurationProblem($"{key} '{name}' is neither none nor odoo19"),
    };

    private static double Rate(double rate, string key) =>
        rate is >= 0 and <= 1 ? rate : throw new ConfigurationProblem($"{key} must be between 0 and 1, not {rate}");
}
