using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Http.Management;

/// <summary>
/// The node's management API (<c>actorsync.management</c>, port 9110 like pbm): cluster, sharding,
/// entities, sinks, the exception queue, approvals and reconciliation, for the operator palette.
/// </summary>
public sealed class ManagementServer : IAsyncDisposable
{
    private readonly WebApplication _app;

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
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        var app = builder.Build();
        new ManagementEndpoints(node, app.Services.GetRequiredService<OperatorAuthenticator>()).Map(app);
        return new ManagementServer(app, await WebServers.StartAsync(app, ct), warnings);
    }

    public ValueTask DisposeAsync() => WebServers.StopAsync(_app);
}
