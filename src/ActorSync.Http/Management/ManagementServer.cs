using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Sinks;
using ActorSync.Actors.Telemetry;
using ActorSync.Odoo.Resilience;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Http.Management;

/// <summary>
/// The node's management API (<c>actorsync.management</c>, port 9110 like pbm): cluster, sharding,
/// entities, sinks, the exception queue, approvals and reconciliation, for the operator palette.
/// </summary>
public sealed class ManagementServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private Task _observing = Task.CompletedTask;

    private ManagementServer(WebApplication app, Uri address, IReadOnlyList<string> warnings)
    {
        _app = app;
        Address = address;
        Warnings = warnings;
    }

    public Uri Address { get; }
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Starts the API the node's configuration describes; null when <c>actorsync.management.enabled = off</c>.</summary>
    public static async Task<ManagementServer?> StartAsync(ActorSyncNode node, CancellationToken ct = default)
    {
        var (settings, warnings) = ManagementSettings.From(node.Config);
        return settings.Enabled ? await StartAsync(node, settings, warnings, ct) : null;
    }

    public static async Task<ManagementServer> StartAsync(ActorSyncNode node, ManagementSettings settings, IReadOnlyList<string> warnings, CancellationToken ct = default)
    {
        var builder = WebServers.Builder(settings.Hostname, settings.Port);
        builder.Services.AddSingleton(new OperatorAuthenticator(settings.Operators));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ActorSyncMetrics.MeterName, OdooMetrics.MeterName).AddPrometheusExporter());
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        var app = builder.Build();
        var endpoints = new ManagementEndpoints(node, app.Services.GetRequiredService<OperatorAuthenticator>());
        endpoints.Map(app);
        // Prometheus scrapes with a viewer's token (bearer_token in its scrape config).
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/metrics"), metrics => metrics.Use(endpoints.RequireViewer));
        app.MapPrometheusScrapingEndpoint("/metrics");
        var server = new ManagementServer(app, await WebServers.StartAsync(app, ct), warnings);
        server._observing = server.ObserveSinksAsync(node);
        return server;
    }

    /// <summary>The sinks' gauges are their statuses as last asked for, every few seconds (actors answer asks, not gauge callbacks).</summary>
    private async Task ObserveSinksAsync(ActorSyncNode node)
    {
        if (node.Sinks is null)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            do
            {
                try
                {
                    ActorSyncMetrics.Observed((await SinkProgress.SnapshotAsync(node, _stopping.Token)).Sinks);
                }
                catch (Akka.Actor.AskTimeoutException)
                {
                    // A sink busy or moving between nodes: its last figures stand until the next round.
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException)
        {
            // The server stops.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _observing;
        _stopping.Dispose();
        await WebServers.StopAsync(_app);
    }
}
