using System.CommandLine;
using ActorSync.Actors.Configuration;
using ActorSync.Host.Chaos;

namespace ActorSync.Host.Commands;

/// <summary><c>actorsync chaos</c>: a cluster on PostgreSQL under SIGKILLs and Odoo faults, proven to lose and double nothing (see <see cref="ChaosRun"/>).</summary>
internal static class ChaosCommand
{
    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "Node processes", DefaultValueFactory = _ => 3 };
        var duration = new Option<int>("--duration") { Description = "Seconds of chaos (longer if the data is not all sent by then)", DefaultValueFactory = _ => 60 };
        var killEvery = new Option<int>("--kill-every") { Description = "Seconds between kills", DefaultValueFactory = _ => 8 };
        var days = new Option<int>("--days") { Description = "Days of generated data for the sample network", DefaultValueFactory = _ => 4 };
        var encounters = new Option<int>("--encounters-per-day") { Description = "Encounters per site and day", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the data, the victims and Odoo's faults", DefaultValueFactory = _ => 7 };
        var workDir = new Option<string?>("--work-dir") { Description = "Where node logs and data go (default: a new temporary folder, kept)" };
        var json = new Option<bool>("--json") { Description = "The last line is one JSON object: accepted, lostEvents, duplicatePostings, missingPostings, kills, reconciled, …" };
        var hocon = CommonOptions.HoconFolder();
        var command = new Command("chaos", "Run a cluster of nodes on a throwaway PostgreSQL under SIGKILLs and Odoo faults, and prove nothing is lost or posted twice")
        {
            nodes, duration, killEvery, days, encounters, seed, workDir, json, hocon,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(nodes) is < 2 or > 9 || parse.GetValue(duration) < 1 || parse.GetValue(killEvery) < 3 || parse.GetValue(days) < 1 || parse.GetValue(encounters) < 1)
            {
                await Console.Error.WriteLineAsync("actorsync chaos: --nodes 2-9, --duration ≥ 1, --kill-every ≥ 3, --days ≥ 1 and --encounters-per-day ≥ 1");
                return ExitCodes.BadConfiguration;
            }
            if (Storage.LocalPostgresServer.FindBinaries() is null)
            {
                await Console.Error.WriteLineAsync("actorsync chaos: the PostgreSQL server binaries (initdb, pg_ctl) are not installed (Debian: apt-get install postgresql)");
                return ExitCodes.BadConfiguration;
            }
            var options = new ChaosOptions
            {
                Nodes = parse.GetValue(nodes), Duration = TimeSpan.FromSeconds(parse.GetValue(duration)), KillEvery = TimeSpan.FromSeconds(parse.GetValue(killEvery)),
                Days = parse.GetValue(days), EncountersPerDay = parse.GetValue(encounters), Seed = parse.GetValue(seed), Json = parse.GetValue(json),
                HoconFolder = Path.GetFullPath(parse.GetValue(hocon) ?? HoconFiles.DefaultFolder()),
                WorkDir = parse.GetValue(workDir) is { } dir ? Directory.CreateDirectory(dir).FullName : Directory.CreateTempSubdirectory("actorsync-chaos-").FullName,
            };
            try
            {
                return await ChaosRun.RunAsync(options, ct);
            }
            catch (ConfigurationProblem problem)
            {
                await Console.Error.WriteLineAsync($"actorsync chaos: {problem.Message}");
                return ExitCodes.BadConfiguration;
            }
            catch (TimeoutException e)
            {
                await Console.Error.WriteLineAsync($"actorsync chaos: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
