using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.OdooSim.Faults;
using ActorSync.OdooSim.Protocols;
using ActorSync.OdooSim.Runtime;
using Microsoft.AspNetCore.Http;

namespace ActorSync.OdooSim.Http;

/// <summary>
/// Routes a request: /sim/* to the control surface (never faulted), Odoo's routes through the fault
/// gate to JSON-RPC or JSON-2. Answers are built in full first, so a drop after commit sends nothing.
/// </summary>
internal sealed class Pipeline(Dispatch dispatch, SimulatorFaults faults, ControlSurface control, CancellationToken stopping)
{
    private readonly JsonRpc _jsonRpc = new(dispatch);
    private readonly Json2 _json2 = new(dispatch);
    private long _calls;

    public long CallCount => Interlocked.Read(ref _calls);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/sim/", StringComparison.Ordinal))
        {
            await Send(context, await control.HandleAsync(context, path["/sim/".Length..]), close: false);
            return;
        }
        var route = Route(context.Request.Method, path);
        if (route is null)
        {
            await Send(context, Reply.NotFound(), close: true);
            return;
        }
        Interlocked.Increment(ref _calls);
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var ct = aborted.Token;
        var decision = faults.Decide();
        try
        {
            if (decision.Latency > TimeSpan.Zero) await Task.Delay(decision.Latency, ct);
            switch (decision.Kind)
            {
                case FaultKind.Refuse:
                    context.Abort();
                    return;
                case FaultKind.Unavailable:
                    await Send(context, Reply.Unavailable(), close: true);
                    return;
                case FaultKind.Hang:
                    await Task.Delay(Timeout.Infinite, ct);
                    return;
            }
            var body = await ReadJsonAsync(context, ct);
            var call = CallOf(route.Value, body);
            if (call is var (hangModel, hangMethod) && faults.TakeTargetedHang(hangModel, hangMethod))
            {
                await Task.Delay(Timeout.Infinite, ct);
                return;
            }
            var reply = decision.Kind == FaultKind.SerializationFailure
                ? route.Value.Kind == RouteKind.Json2 ? Json2.Failure(OdooError.SerializationFailure()) : JsonRpc.Failure(body, OdooError.SerializationFailure())
                : await Answer(context, route.Value, body, ct);
            if (decision.Kind == FaultKind.CommitThenDrop || (call is var (model, method) && faults.TakeTargetedDrop(model, method)))
            {
                context.Abort();
                return;
            }
            await Send(context, reply, close: true);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private async Task<Reply> Answer(HttpContext context, (RouteKind Kind, string Model, string Method) route, JsonNode? body, CancellationToken ct)
    {
        if (ReferenceEquals(body, BadJson)) return Reply.Of(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = null, ["error"] = new JsonObject { ["code"] = 400, ["message"] = "Invalid JSON data" } }, 400);
        return route.Kind switch
        {
            RouteKind.JsonRpc => await _jsonRpc.HandleAsync(body, webVersion: false, ct),
            RouteKind.WebVersion => await _jsonRpc.HandleAsync(body, webVersion: true, ct),
            RouteKind.Json2Fallback => Json2.Failure(OdooError.NotFound("Did you mean POST /json/2/<model>/<method>?")),
            _ => await _json2.HandleAsync(
                context.Request.Headers["X-Odoo-Database"].FirstOrDefault(),
                context.Request.Headers.Authorization.FirstOrDefault(),
                route.Model, route.Method, body, ct),
        };
    }

    private enum RouteKind { JsonRpc, WebVersion, Json2, Json2Fallback }

    /// <summary>The model and method a call names, on either protocol (for targeted faults).</summary>
    private static (string Model, string Method)? CallOf((RouteKind Kind, string Model, string Method) route, JsonNode? body)
    {
        if (route.Kind == RouteKind.Json2) return (route.Model, route.Method);
        if (route.Kind != RouteKind.JsonRpc || body?["params"] is not JsonObject parameters || parameters["args"] is not JsonArray { Count: >= 5 } args) return null;
        return args[3] is JsonValue model && model.TryGetValue<string>(out var m) && args[4] is JsonValue method && method.TryGetValue<string>(out var n) ? (m, n) : null;
    }

    private static (RouteKind Kind, string Model, string Method)? Route(string verb, string path)
    {
        if (path == "/jsonrpc" && verb == "POST") return (RouteKind.JsonRpc, "", "");
        if (path == "/web/version" && verb == "POST") return (RouteKind.WebVersion, "", "");
        if (path == "/json/2" || path.StartsWith("/json/2/", StringComparison.Ordinal))
        {
            var parts = path["/json/2".Length..].Trim('/').Split('/');
            return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 && verb == "POST"
                ? (RouteKind.Json2, parts[0], parts[1])
                : (RouteKind.Json2Fallback, "", "");
        }
        return null;
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext context, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0) return null;
        try
        {
            return JsonNode.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            return BadJson;
        }
    }

    private static async Task Send(HttpContext context, Reply reply, bool close)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        // Odoo's server does not keep connections alive.
        if (close) context.Response.Headers.Connection = "close";
        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body);
    }

    /// <summary>Stands for a body that is not JSON.</summary>
    private static readonly JsonObject BadJson = [];
}
