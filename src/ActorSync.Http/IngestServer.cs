using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Http.Fhir;
using ActorSync.Http.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Http;

/// <summary>
/// The node's HTTP endpoint (Kestrel) on the address of <c>actorsync.http</c>, serving the FHIR
/// ingest routes for the sources of <c>actorsync.sources</c>. Started beside a running node.
/// </summary>
public sealed class IngestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngestServer(WebApplication app, Uri address, IReadOnlyList<string> warnings)
    {
        _app = app;
        Address = address;
        Warnings = warnings;
    }

    /// <summary>The base address actually listened on (a free port when the configuration says 0).</summary>
    public Uri Address { get; }

    /// <summary>Configuration problems that do not stop the server (a source that cannot authenticate).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public static async Task<IngestServer> StartAsync(ActorSyncNode node, CancellationToken cancellationToken = default)
    {
        var settings = HttpSettings.From(node.Config);
        var (sources, warnings) = SourceSettings.From(node.Config, node.Network);
        // The largest body any route takes; /fhir routes check their own, smaller limit.
        var builder = WebServers.Builder(settings.Hostname, settings.Port, Math.Max(settings.MaxImportBytes, settings.MaxBodyBytes));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new SourceAuthenticator(sources));
        builder.Services.AddSingleton(SourceSessions.Of(node));
        builder.Services.AddSingleton<FhirEndpoints>();
        var app = builder.Build();
        app.Services.GetRequiredService<FhirEndpoints>().Map(app);
        return new IngestServer(app, await WebServers.StartAsync(app, cancellationToken), warnings);
    }

    public ValueTask DisposeAsync() => WebServers.StopAsync(_app);
}
