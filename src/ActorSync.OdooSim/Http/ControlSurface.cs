using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;
using Microsoft.AspNetCore.Http;

namespace ActorSync.OdooSim.Http;

/// <summary>
/// The simulator's own routes, apart from Odoo's: GET /sim/health, GET|POST /sim/faults,
/// GET /sim/records/&lt;model&gt; and GET /sim/count/&lt;model&gt;, so tests can drive a simulator
/// running in another process.
/// </summary>
internal sealed class ControlSurface(OdooServer server, SimulatorFaults faults, Func<long> calls)
{
    public async Task<Reply> HandleAsync(HttpContext context, string route)
    {
        var verb = context.Request.Method;
        try
        {
            return (verb, route) switch
            {
                ("GET", "health") => Reply.Of(new JsonObject { ["status"] = "ok", ["database"] = server.DatabaseName, ["calls"] = calls() }),
                ("GET", "faults") => Reply.Of(Describe(faults.Current)),
                ("POST", "faults") => SetFaults(await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? []),
                ("GET", _) when route.StartsWith("records/", StringComparison.Ordinal) => Reply.Of(Records(route["records/".Length..])),
                ("GET", _) when route.StartsWith("count/", StringComparison.Ordinal) => Reply.Of(server.Count(Known(route["count/".Length..]))),
                _ => Reply.Of(new JsonObject { ["error"] = $"no such simulator route: {verb} /sim/{route}" }, 404),
            };
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            return Reply.Of(new JsonObject { ["error"] = e.Message }, 400);
        }
    }

    private string Known(string model) =>
        server.Registry.Find(model) is null ? throw new ArgumentException($"Unknown model {model}") : model;

    /// <summary>
    /// Replaces all faults with the given ones; {} clears them. <c>dropAnswersTo</c>
    /// (<c>[{"model", "method", "count"}]</c>) loses the answers of chosen calls after they commit.
    /// </summary>
    private Reply SetFaults(JsonObject body)
    {
        var settings = new FaultSettings
        {
            Latency = TimeSpan.FromMilliseconds(Number(body, "latencyMs")),
            ErrorRate = Number(body, "errorRate"),
            Outage = Flag(body, "outage"),
            OutageUntil = Get(body, "outageUntil") is { } until ? DateTimeOffset.Parse(until.GetValue<string>(), CultureInfo.InvariantCulture) : null,
            RefuseConnections = Flag(body, "refuseConnections"),
            TimeoutRate = Number(body, "timeoutRate"),
            CommitThenDropRate = Number(body, "commitThenDropRate"),
            DropNextResponses = (int)Number(body, "dropNextResponses"),
            SerializationFailureRate = Number(body, "serializationFailureRate"),
            Seed = Get(body, "seed") is { } seed ? (int)Number(body, "seed") : FaultSettings.None.Seed,
        };
        var drops = (Get(body, "dropAnswersTo") as JsonArray ?? []).OfType<JsonObject>()
            .Select(t => (Model: Text(t, "model"), Method: Text(t, "method"), Count: Get(t, "count") is null ? 1 : (int)Number(t, "count"))).ToList();
        faults.Apply(settings);
        foreach (var (model, method, count) in drops)
            faults.DropNextResponsesTo(model, method, count);
        return Reply.Of(Describe(settings));
    }

    private static JsonObject Describe(FaultSettings s) => new()
    {
        ["latencyMs"] = s.Latency.TotalMilliseconds,
        ["errorRate"] = s.ErrorRate,
        ["outage"] = s.Outage,
        ["outageUntil"] = s.OutageUntil?.ToString("O", CultureInfo.InvariantCulture),
        ["refuseConnections"] = s.RefuseConnections,
        ["timeoutRate"] = s.TimeoutRate,
        ["commitThenDropRate"] = s.CommitThenDropRate,
        ["dropNextResponses"] = s.DropNextResponses,
        ["serializationFailureRate"] = s.SerializationFailureRate,
        ["seed"] = s.Seed,
    };

    private JsonArray Records(string model)
    {
        var rows = server.Records(model);
        return new JsonArray([.. rows.Select(r => (JsonNode)JsonSerializer.SerializeToNode(r)!)]);
    }

    // Field names are matched case-insensitively so "ErrorRate" works as well as "errorRate".
    private static JsonNode? Get(JsonObject body, string name) =>
        body.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static double Number(JsonObject body, string name) => JsonNum.TryDouble(Get(body, name), out var d) ? d : 0;
    private static string Text(JsonObject body, string name) =>
        Get(body, name) is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw new ArgumentException($"dropAnswersTo needs \"{name}\"");
    private static bool Flag(JsonObject body, string name) => Get(body, name) is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
