using System.Diagnostics;
using System.Text.Json.Nodes;
using ActorSync.Odoo.Connection;
using ActorSync.Odoo.Errors;
using ActorSync.Odoo.Resilience;
using ActorSync.Odoo.Wire;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ActorSync.Odoo;

/// <summary>
/// One connection to one Odoo database: pooled HTTP connections, the configured wire protocol,
/// and the resilience pipeline (timeouts, retries, circuit breaker, rate limit). Thread-safe; make
/// one per Odoo and share it.
/// </summary>
public sealed class OdooClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly OdooWire _wire;
    private readonly ResiliencePipeline _pipeline;

    public OdooClient(OdooConnectionSettings settings, TimeProvider? time = null)
    {
        Settings = settings;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, settings.MaxConnections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, settings.Timeout.TotalSeconds)),
        })
        {
            // The pipeline's per-attempt timeout is the one that counts.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _wire = settings.Protocol == OdooProtocol.Json2 ? new Json2Wire(_http, settings) : new JsonRpcWire(_http, settings);
        _pipeline = OdooResilience.Build(settings, Stats, time);
    }

    public OdooConnectionSettings Settings { get; }
    public OdooCallStats Stats { get; } = new();

    public Task<JsonNode?> CallAsync(OdooCall call, CancellationToken ct = default) =>
        RunAsync(call.ToString(), call.SafeToRepeat, (wire, token) => wire.SendAsync(call, token), ct);

    /// <summary>The server's version object; needs no login.</summary>
    public Task<JsonNode?> VersionAsync(CancellationToken ct = default) =>
        RunAsync("version", safeToRepeat: true, (wire, token) => wire.VersionAsync(token), ct);

    private async Task<JsonNode?> RunAsync(string what, bool safeToRepeat, Func<OdooWire, CancellationToken, Task<JsonNode?>> send, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(OdooResilience.SafeToRepeat, safeToRepeat);
        var started = Stopwatch.GetTimestamp();
        var ok = false;
        try
        {
            var answer = await _pipeline.ExecuteAsync(static async (ctx, state) =>
            {
                state.Stats.Called();
                return await state.send(state.wire, ctx.CancellationToken).ConfigureAwait(false);
            }, context, (wire: _wire, send, Stats)).ConfigureAwait(false);
            ok = true;
            return answer;
        }
        catch (TimeoutRejectedException e)
        {
            Stats.Failed(transient: true, "transport.timeout");
            throw new OdooException("transport.timeout", $"Odoo did not answer {what} within {Settings.Timeout.TotalSeconds:0.#} s.", null, OdooErrorClass.Transient, mayHaveCommitted: !safeToRepeat, e);
        }
        catch (BrokenCircuitException e)
        {
            Stats.Failed(transient: true, "transport.circuit-open");
            throw new OdooException("transport.circuit-open", $"Calls to Odoo at {Settings.Url.Authority} are paused after repeated failures.", null, OdooErrorClass.Transient, mayHaveCommitted: false, e);
        }
        catch (OdooException e)
        {
            Stats.Failed(e.IsTransient, e.Name);
            throw;
        }
        finally
        {
            OdooMetrics.Called(what, Stopwatch.GetElapsedTime(started), ok);
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _http.Dispose();
}
