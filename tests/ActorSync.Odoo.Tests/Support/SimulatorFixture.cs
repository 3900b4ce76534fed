using ActorSync.Odoo.Connection;
using ActorSync.OdooSim;

namespace ActorSync.Odoo.Tests.Support;

/// <summary>A simulator of its own for a test that injects faults, and clients to it.</summary>
public sealed class OwnSimulator : IAsyncDisposable
{
    private OwnSimulator(OdooSimulator simulator) => Simulator = simulator;

    public OdooSimulator Simulator { get; }
    public SimulatorFaults Faults => Simulator.Faults;

    public static async Task<OwnSimulator> StartAsync() => new(await OdooSimulator.StartAsync(new SimulatorOptions
    {
        Companies = [new SimCompany(SimulatedOdoo.CompanyA), new SimCompany(SimulatedOdoo.CompanyB)],
        Users = [new SimUser("admin", "admin", "test-admin-api-key")],
    }));

    public OdooClient Client(OdooProtocol protocol = OdooProtocol.Json2, Func<OdooConnectionSettings, OdooConnectionSettings>? change = null) =>
        new((change ?? (s => s))(OdooUnderTest.TestSettings(Simulator.BaseAddress, "actorsync", "admin", "test-admin-api-key", protocol)));

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
