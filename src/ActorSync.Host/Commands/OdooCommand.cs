using System.CommandLine;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Host.Output;
using ActorSync.Odoo;
using ActorSync.Odoo.Check;
using ActorSync.Odoo.Errors;

namespace ActorSync.Host.Commands;

/// <summary><c>actorsync odoo check</c>: is the configured Odoo reachable, and does it hold everything the mapping names?</summary>
internal static class OdooCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var hocon = CommonOptions.HoconFolder();
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object" };
        var check = new Command("check", "Connect to Odoo (actorsync.odoo) and report version, user, companies and whether every mapped account, journal, product, analytic account and partner exists")
        {
            config, hocon, json,
        };
        check.SetAction(async (parse, ct) =>
        {
            try
            {
                var settings = HoconFiles.Load(parse.GetValue(hocon) ?? HoconFiles.DefaultFolder(), parse.GetValue(config) ?? []);
                var network = NetworkSettings.From(settings);
                var odoo = OdooSettings.From(settings);
                using var client = new OdooClient(odoo.Connection with { Retry = odoo.Connection.Retry with { MaxAttempts = 2 } });
                var targets = odoo.Targets(network);
                var report = await OdooCheck.RunAsync(client, [.. network.LegalEntities.Select(e => (e.Key.Value, e.Value, targets(e.Key)))], ct);
                if (parse.GetValue(json))
                    Console.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
                else
                    Print(report, client);
                return report.AllFound ? ExitCodes.Ok : ExitCodes.GoalMissed;
            }
            catch (ConfigurationProblem e)
            {
                await Console.Error.WriteLineAsync($"actorsync odoo check: {e.Message}");
                return ExitCodes.BadConfiguration;
            }
            catch (OdooException e)
            {
                await Console.Error.WriteLineAsync($"actorsync odoo check: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return new Command("odoo", "The Odoo side: check the connection and mapping, run the simulator") { check, OdooSimCommand.Create() };
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static void Print(OdooCheckReport report, OdooClient client)
    {
        var s = client.Settings;
        Console.WriteLine($"Odoo {report.ServerVersion} at {s.Url} ({(s.Protocol == Odoo.Connection.OdooProtocol.Json2 ? "JSON-2" : "JSON-RPC")}, database {s.Database})");
        Console.WriteLine($"User: {report.User}");
        Console.WriteLine($"Companies: {string.Join(", ", report.Companies.Select(c => $"{c.Name} (id {c.Id})"))}");
        Console.WriteLine();
        var table = new TextTable("legal entity", "kind", "name", "in Odoo");
        foreach (var item in report.Items)
            table.Add(item.LegalEntity, item.Kind, item.Name, item.OdooId is { } id ? item.Kind == "field" ? "present" : $"id {id}" : "MISSING");
        table.WriteTo(Console.Out);
        var missing = report.Items.Count(i => !i.Found);
        Console.WriteLine();
        Console.WriteLine(missing == 0
            ? $"All {report.Items.Count} mapped records exist."
            : $"{missing} of {report.Items.Count} mapped records are missing: create them in Odoo or fix the mapping (hocon/network.conf).");
        if (report.Items.Any(i => i.Kind == "field" && !i.Found))
            Console.WriteLine("A missing field means an Odoo older than 18 (or, for is_storable, one without the Inventory app): ActorSync writes Odoo 18+ field names (a payment's memo, a storable product's is_storable), so such postings would be refused.");
    }
}
