using System.CommandLine;
using ActorSync.Actors.Configuration;
using ActorSync.Host.Demo;

namespace ActorSync.Host.Commands;

/// <summary><c>actorsync demo</c>: the whole product on one machine in about a minute (see <see cref="DemoRun"/>).</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "FHIR Bundles / NDJSON (a file or a folder, read recursively) instead of the generated sample; unknown organizations become demo sites" };
        var dataDir = new Option<string>("--data-dir") { Description = "Where the journal (and the simulator's records) live", DefaultValueFactory = _ => Path.Combine("data", "demo") };
        var odooUrl = new Option<string?>("--odoo-url") { Description = $"A real Odoo instead of the simulator (key or password in ${DemoOdoo.KeyVariable})" };
        var odooDb = new Option<string>("--odoo-db") { Description = "The real Odoo's database", DefaultValueFactory = _ => "odoo" };
        var odooUser = new Option<string>("--odoo-user") { Description = "The real Odoo's login", DefaultValueFactory = _ => "admin" };
        var encounters = new Option<int>("--encounters-per-day") { Description = "Encounters per site in the generated day", DefaultValueFactory = _ => 40 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated day", DefaultValueFactory = _ => 42 };
        var timeout = new Option<int>("--sink-timeout") { Description = "Seconds to wait for the sinks at most", DefaultValueFactory = _ => 300 };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object on the last line" };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Leave the node (FHIR endpoint, management API) running for the palette, until Ctrl+C" };
        var config = CommonOptions.Config();
        var hocon = CommonOptions.HoconFolder();
        var command = new Command("demo", "Run the sample network end to end: a single node on SQLite, the Odoo simulator, a generated day of several sites, and the reconciliation")
        {
            data, dataDir, odooUrl, odooDb, odooUser, encounters, seed, timeout, json, keepRunning, config, hocon,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new DemoOptions
            {
                Data = parse.GetValue(data),
                DataDir = Path.GetFullPath(parse.GetValue(dataDir)!),
                OdooUrl = parse.GetValue(odooUrl),
                OdooDatabase = parse.GetValue(odooDb)!,
                OdooUser = parse.GetValue(odooUser)!,
                EncountersPerDay = parse.GetValue(encounters),
                Seed = parse.GetValue(seed),
                SinkTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
                Json = parse.GetValue(json),
                KeepRunning = parse.GetValue(keepRunning),
                ConfigFiles = parse.GetValue(config) ?? [],
                HoconFolder = parse.GetValue(hocon) ?? HoconFiles.DefaultFolder(),
            };
            try
            {
                return await DemoRun.RunAsync(options, ct);
            }
            catch (ConfigurationProblem problem)
            {
                await Console.Error.WriteLineAsync($"actorsync demo: {problem.Message}");
                return ExitCodes.BadConfiguration;
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
