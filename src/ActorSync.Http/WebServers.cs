using System.Net;
using ActorSync.Actors.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.Http;

/// <summary>What the node's HTTP servers (FHIR ingest, management) share: Kestrel on one address, quiet logs, a graceful stop.</summary>
internal static class WebServers
{
    public static WebApplicationBuilder Builder(string hostname, int port, long? maxBodyBytes = null)
    {
        // Configuration is HOCON, not appsettings.json: no reloading from the working folder. The
        // default watched it and all its subfolders (inotify), and every file written under it —
        // the journal itself when it lives there — cost the node CPU (perf: 4.6% in bench ingest).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (maxBodyBytes is { } max)
                kestrel.Limits.MaxRequestBodySize = max;
            if (hostname is "localhost")
                kestrel.ListenLocalhost(port);
            else if (hostname is "0.0.0.0" or "*")
                kestrel.ListenAnyIP(port);
            else if (IPAddress.TryParse(hostname, out var ip))
                kestrel.Listen(ip, port);
            else
                throw new ConfigurationProblem($"hostname {hostname} (actorsync.http or actorsync.management) is not an IP address, localhost or 0.0.0.0");
        });
        return builder;
    }

    /// <summary>Starts the app and returns the address actually listened on (a free port when asked for 0).</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken ct)
    {
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal));
    }

    public static async ValueTask StopAsync(WebApplication app)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(grace.Token);
        await app.DisposeAsync();
    }
}
