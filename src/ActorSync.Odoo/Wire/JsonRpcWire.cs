using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Odoo.Connection;
using ActorSync.Odoo.Errors;

namespace ActorSync.Odoo.Wire;

/// <summary>
/// Odoo's JSON-RPC API (16–18, deprecated in 19): <c>POST /jsonrpc</c>, <c>common.authenticate</c>
/// once for the uid, then <c>object.execute_kw</c>. Errors come with HTTP 200 in <c>error.data</c>;
/// a method returning None answers with no <c>result</c> key at all.
/// </summary>
public sealed class JsonRpcWire(HttpClient http, OdooConnectionSettings settings) : OdooWire(http, settings)
{
    private readonly SemaphoreSlim _login = new(1, 1);
    private long? _uid;
    private int _nextId;

    public override async Task<JsonNode?> SendAsync(OdooCall call, CancellationToken ct)
    {
        var uid = await UidAsync(ct).ConfigureAwait(false);
        try
        {
            return await CallAsync(call, uid, ct).ConfigureAwait(false);
        }
        catch (OdooException e) when (e.Name == "odoo.exceptions.AccessDenied")
        {
            // A revoked or rotated key: log in again on the next call rather than keep a dead uid.
            _uid = null;
            throw;
        }
    }

    private Task<JsonNode?> CallAsync(OdooCall call, long uid, CancellationToken ct) =>
        CallServiceAsync("object", "execute_kw", call.ToString(), writer =>
        {
            writer.WriteStringValue(Settings.Database);
            writer.WriteNumberValue(uid);
            writer.WriteStringValue(Settings.ApiKey.Reveal());
            writer.WriteStringValue(call.Model);
            writer.WriteStringValue(call.Method);
            writer.WriteStartArray();
            if (call.Ids is not null)
                WriteIds(writer, call.Ids);
            // Odoo's call_kw reads create's values from args[0]: as a keyword argument it fails (IndexError).
            var positional = call.Method == "create" && call.Arguments.Count > 0 ? call.Arguments[0] : default;
            if (positional.Key is not null)
                WriteNode(writer, positional.Value);
            writer.WriteEndArray();
            writer.WriteStartObject();
            WriteArguments(writer, positional.Key is null ? call : call with { Arguments = call.Arguments.Skip(1).ToList() });
            writer.WriteEndObject();
        }, ct);

    public override Task<JsonNode?> VersionAsync(CancellationToken ct) =>
        CallServiceAsync("common", "version", "common.version", _ => { }, ct);

    private async Task<long> UidAsync(CancellationToken ct)
    {
        if (_uid is { } known)
            return known;
        await _login.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_uid is { } raced)
                return raced;
            var result = await CallServiceAsync("common", "authenticate", "common.authenticate", writer =>
            {
                writer.WriteStringValue(Settings.Database);
                writer.WriteStringValue(Settings.Login);
                writer.WriteStringValue(Settings.ApiKey.Reveal());
                writer.WriteStartObject();
                writer.WriteEndObject();
            }, ct).ConfigureAwait(false);
            // A wrong password or key is not an error on this route: the answer is false.
            if (result is JsonValue value && value.TryGetValue<long>(out var uid))
                return (_uid = uid).Value;
            throw new OdooException("odoo.exceptions.AccessDenied", $"Odoo refused the login '{Settings.Login}' on database '{Settings.Database}' with the key from {Settings.ApiKey.Origin}.", 200, OdooErrorClass.Permanent);
        }
        finally
        {
            _login.Release();
        }
    }

    private async Task<JsonNode?> CallServiceAsync(string service, string method, string what, Action<Utf8JsonWriter> writeArgs, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteString("method", "call");
            writer.WritePropertyName("params");
            writer.WriteStartObject();
            writer.WriteString("service", service);
            writer.WriteString("method", method);
            writer.WritePropertyName("args");
            writer.WriteStartArray();
            writeArgs(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNumber("id", id);
            writer.WriteEndObject();
        });
        var answer = await PostAsync("jsonrpc", body, null, ct).ConfigureAwait(false);
        if (answer.Status != 200)
            throw OdooException.FromHttpStatus(answer.Status, $"Odoo answered {what} with HTTP {answer.Status}.");
        return ResultOf(ParseJson(answer, what), what);
    }

    /// <summary>The <c>result</c> of a JSON-RPC envelope (null when absent), or its <c>error</c> as an exception.</summary>
    internal static JsonNode? ResultOf(JsonNode? envelope, string what)
    {
        if (envelope is not JsonObject reply)
            throw OdooException.FromHttpStatus(200, $"Odoo answered {what} with something that is not a JSON-RPC envelope.");
        if (reply["error"] is JsonObject error)
        {
            var data = error["data"] as JsonObject;
            throw OdooException.FromServer(Text(data?["name"], "unknown"), Text(data?["message"], Text(error["message"], "")), 200);
        }
        return reply["result"];
    }
}
