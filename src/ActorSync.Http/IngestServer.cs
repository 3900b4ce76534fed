using System.Net;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Http.Fhir;
using ActorSync.Http.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The largest body any route takes; /fhir routes check their own, smaller limit.
            kestrel.Limits.MaxRequestBodySize = Math.Max(settings.MaxImportBytes, settings.MaxBodyBytes);
            Listen(kestrel, settings.Hostname, settings.Port);
        });
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new SourceAuthenticator(sources));
        builder.Services.AddSingleton(new SourceSessions(node, settings.Parallelism));
        builder.Services.AddSingleton<FhirEndpoints>();
        var app = builder.Build();
        app.Services.GetRequiredService<FhirEndpoints>().Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IngestServer(app, new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)), warnings);
    }

    internal static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, string hostname, int port)
    {
        if (hostname is "localhost")
            kestrel.ListenLocalhost(port);
        else if (hostname is "0.0.0.0" or "*")
            kestrel.ListenAnyIP(port);
        else if (IPAddress.TryParse(hostname, out var ip))
            kestrel.Listen(ip, port);
        else
            throw new ConfigurationProblem($"hostname {hostname} (actorsync.http or actorsync.management) is not an IP address, localhost or 0.0.0.0");
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
