using System.Security.Cryptography;
using ActorSync.Actors.Configuration;
using ActorSync.Host.Commands;
using ActorSync.Odoo;
using ActorSync.Odoo.Errors;
using ActorSync.OdooSim;
using Akka.Configuration;

namespace ActorSync.Host.Demo;

/// <summary>
/// The Odoo the demo posts to: the built-in simulator, seeded from the network and kept in a
/// SQLite file beside the journal (so a second run finds what the first posted), or a real Odoo.
/// </summary>
internal sealed class DemoOdoo : IAsyncDisposable
{
    public const string KeyVariable = "ACTORSYNC_ODOO_KEY";

    private DemoOdoo(string description, Config settings, OdooSimulator? simulator)
    {
        Description = description;
        Settings = settings;
        Simulator = simulator;
    }

    public string Description { get; }

    /// <summary>The <c>actorsync.odoo</c> settings the node gets.</summary>
    public Config Settings { get; }

    public OdooSimulator? Simulator { get; }

    public static async Task<DemoOdoo> StartAsync(DemoOptions options, Config config, NetworkSettings network, CancellationToken ct)
    {
        if (options.OdooUrl is { } url)
        {
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(KeyVariable)))
                throw new ConfigurationProblem($"--odoo-url needs the API key (or password) of {options.OdooUser} in ${KeyVariable}");
            var settings = ConfigurationFactory.ParseString(
                $"actorsync.odoo {{ url = {HoconText.Quote(url)}, database = {HoconText.Quote(options.OdooDatabase)}, login = {HoconText.Quote(options.OdooUser)}, api-key-env = {KeyVariable} }}");
            var odoo = OdooSettings.From(settings.WithFallback(config));
            using var client = new OdooClient(odoo.Connection);
            var provisioning = new DemoProvisioning(client, odoo.ConsumptionLocation);
            try
            {
                await provisioning.EnsureAsync(network, ct);
            }
            catch (OdooException e)
            {
                throw new ConfigurationProblem($"--odoo-url {url}: {e.Message}");
            }
            var made = provisioning.Made.Count == 0 ? "everything the network needs was there" : $"made {string.Join(", ", provisioning.Made)}";
            return new DemoOdoo($"Odoo at {url}, database {options.OdooDatabase} ({made})", settings, null);
        }
        // The simulator's key is made once per data folder and kept there (owner-only), never printed.
        var keyFile = Path.Combine(options.DataDir, "odoo-sim.key");
        if (!File.Exists(keyFile))
        {
            await File.WriteAllTextAsync(keyFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), ct);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var key = (await File.ReadAllTextAsync(keyFile, ct)).Trim();
        var (simulatorOptions, _) = OdooSimCommand.Options(config, network, _ => key);
        var file = Path.Combine(options.DataDir, "odoo-sim.db");
        var simulator = await OdooSimulator.StartAsync(simulatorOptions with { Port = 0, SqliteFile = file }, ct);
        return new DemoOdoo($"the built-in Odoo simulator on {simulator.BaseAddress} (records in {file})", ConfigurationFactory.ParseString(
            $"actorsync.odoo {{ url = {HoconText.Quote(simulator.BaseAddress.ToString())}, database = {HoconText.Quote(simulatorOptions.Database)}, login = {HoconText.Quote(simulatorOptions.Users[0].Login)}, api-key-file = {HoconText.Quote(keyFile)} }}"),
            simulator);
    }

    public async ValueTask DisposeAsync()
    {
        if (Simulator is not null)
            await Simulator.DisposeAsync();
    }
}
