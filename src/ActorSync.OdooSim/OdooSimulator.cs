using System.Net;
using ActorSync.OdooSim.Http;
using ActorSync.OdooSim.Protocols;
using ActorSync.OdooSim.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.OdooSim;

/// <summary>
/// An Odoo 19 server in a box: Kestrel on 127.0.0.1 speaking JSON-RPC (/jsonrpc, /web/version) and
/// JSON-2 (/json/2/&lt;model&gt;/&lt;method&gt;) over an in-memory (optionally SQLite-backed) database,
/// with a latency model, injectable faults and a /sim/* control surface.
/// </summary>
public sealed class OdooSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OdooServer _server;
    private readonly Pipeline _pipeline;
    private readonly CancellationTokenSource _stopping;

    private OdooSimulator(WebApplication app, OdooServer server, Pipeline pipeline, SimulatorFaults faults, CancellationTokenSource stopping, Uri baseAddress)
    {
        _app = app;
        _server = server;
        _pipeline = pipeline;
        _stopping = stopping;
        Faults = faults;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the simulator listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The faults in force; change them while it runs.</summary>
    public SimulatorFaults Faults { get; }

    /// <summary>Requests served on Odoo's routes (faulted ones included, /sim/* excluded).</summary>
    public long CallCount => _pipeline.CallCount;

    public static async Task<OdooSimulator> StartAsync(SimulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new OdooServer(options);
        var faults = new SimulatorFaults(options.Faults);
        var stopping = new CancellationTokenSource();
        Pipeline? pipeline = null;
        var control = new ControlSurface(server, faults, () => pipeline?.CallCount ?? 0);
        pipeline = new Pipeline(new Dispatch(server, new CostGate(options.Costs)), faults, control, stopping.Token);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(pipeline.HandleAsync);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            server.Dispose();
            stopping.Dispose();
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OdooSimulator(app, server, pipeline, faults, stopping, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// The records of a model (every company) with ids above <paramref name="afterId"/>, as plain values:
    /// ids for many2one, id lists for x2many, null for false.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Records(string model, IReadOnlyCollection<string>? fields = null, int afterId = 0) =>
        _server.Records(model, fields, afterId);

    public int Count(string model) => _server.Count(model);

    /// <inheritdoc cref="OdooServer.SetApiKey"/>
    public void SetApiKey(string login, string key) => _server.SetApiKey(login, key);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _server.Dispose();
        _stopping.Dispose();
    }
}
