using ActorSync.Actors.Hosting;
using ActorSync.Actors.Sinks;
using ActorSync.Actors.Tests.Support;
using ActorSync.OdooSim;
using Akka.Actor;

namespace ActorSync.Actors.Tests.Sinks;

/// <summary>
/// The Odoo simulator with the sample network's companies and vendors, and real nodes (SQLite, one
/// data folder) whose sinks post to it. Nodes can be stopped and started again on the same journal
/// while the simulator keeps its records, as a real Odoo would.
/// </summary>
internal sealed class SinkTestBed : IAsyncDisposable
{
    private const string Key = "sink-test-odoo-key";

    /// <summary>The admin's API key in the simulator, which the nodes read from their key file.</summary>
    public const string ApiKey = Key;
    private readonly TempFolder _folder = new();
    private readonly string _keyFile;

    private readonly string? _postgres;

    private SinkTestBed(OdooSimulator simulator, string? postgres)
    {
        Simulator = simulator;
        _postgres = postgres;
        Directory.CreateDirectory(_folder.Path);
        _keyFile = Path.Combine(_folder.Path, "odoo.key");
        File.WriteAllText(_keyFile, Key);
    }

    public OdooSimulator Simulator { get; }

    /// <summary>The API key the next nodes read: a revoked or expired one, or (null) the right one again.</summary>
    public void UseApiKey(string? key = null) => File.WriteAllText(_keyFile, key ?? Key);
    public ActorSyncNode? Node { get; private set; }

    /// <summary>The simulator; the nodes journal to SQLite in the bed's folder, or to <paramref name="postgres"/>.</summary>
    public static async Task<SinkTestBed> StartAsync(bool withVendors = true, string? postgres = null) => new(await OdooSimulator.StartAsync(new SimulatorOptions
    {
        Companies = [new SimCompany("Northwind Health Partners"), new SimCompany("Lakeside Care Group")],
        Users = [new SimUser("admin", "admin", Key, Name: "Administrator")],
        Partners = withVendors ? [new SimPartner("MedSupply Co"), new SimPartner("Diagnostics Direct")] : [],
    }), postgres);

    /// <summary>
    /// A node whose sinks send to the simulator; <paramref name="extraHocon"/> changes sync modes,
    /// retries…. Northwind posts in detail here unless a test asks for its summary posting.
    /// </summary>
    public async Task<ActorSyncNode> StartNodeAsync(string extraHocon = "")
    {
        var hocon = $$"""
            actorsync.odoo { url = "{{Simulator.BaseAddress}}", api-key-file = "{{_keyFile}}", api-key-env = "", rate-limit.per-second = 0, retry.base-delay = 20ms, request-time-limit = 0s }
            actorsync.network.legal-entities.northwind-health.posting.granularity = detail
            actorsync.sinks {
              retry { base-delay = 100ms, max-delay = 500ms, max-attempts = 50 }
              workflows.billing { mode = micro-batch, window = 200ms, size = 100 }
              workflows.accounting { mode = micro-batch, window = 200ms, size = 100 }
              workflows.inventory { mode = real-time }
            }
            """ + extraHocon;
        Node = await ActorSyncNode.StartAsync(_postgres is null ? TestNodes.Sqlite(Path.Combine(_folder.Path, "data"), hocon) : TestNodes.Postgres(_postgres, hocon));
        return Node;
    }

    public async Task StopNodeAsync()
    {
        if (Node is not null)
            await Node.DisposeAsync();
        Node = null;
    }

    public Task<SinkStatus> StatusAsync(string sinkId) => Node!.Sinks!.Ask<SinkStatus>(new GetSinkStatus(sinkId), TimeSpan.FromSeconds(10));

    public Task<OutboxList> OutboxAsync(string sinkId, Domain.Sinks.OutboxStatus? status = null) =>
        Node!.Sinks!.Ask<OutboxList>(new ListOutbox(sinkId, status), TimeSpan.FromSeconds(10));

    public Task<SinkCommandReply> CommandAsync(ISinkMessage command) => Node!.Sinks!.Ask<SinkCommandReply>(command, TimeSpan.FromSeconds(10));

    /// <summary>Polls the simulator until <paramref name="done"/> holds; sinks are asynchronous by design.</summary>
    public async Task WaitForAsync(Func<OdooSimulator, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!done(Simulator))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited for {what}");
            await Task.Delay(100);
        }
    }

    public IEnumerable<IReadOnlyDictionary<string, object?>> Where(string model, string field, object value) =>
        Simulator.Records(model).Where(r => Equals(r[field], value));

    public async ValueTask DisposeAsync()
    {
        await StopNodeAsync();
        await Simulator.DisposeAsync();
        _folder.Dispose();
    }
}
