using System.Text.Json.Nodes;
using ActorSync.Odoo.Connection;
using ActorSync.Odoo.Errors;

namespace ActorSync.Odoo.Wire;

/// <summary>
/// Odoo 19's JSON-2 API: <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with named arguments,
/// a bearer API key and the database in <c>X-Odoo-Database</c>; bare results, real status codes,
/// errors as <c>{name, message, arguments, context, debug}</c>.
/// </summary>
public sealed class Json2Wire(HttpClient http, OdooConnectionSettings settings) : OdooWire(http, settings)
{
    public override async Task<JsonNode?> SendAsync(OdooCall call, CancellationToken ct)
    {
        var body = Json(writer =>
        {
            writer.WriteStartObject();
            if (call.Ids is not null)
            {
                writer.WritePropertyName("ids");
                WriteIds(writer, call.Ids);
            }
            WriteArguments(writer, call);
            writer.WriteEndObject();
        });
        var path = $"json/2/{Uri.EscapeDataString(call.Model)}/{Uri.EscapeDataString(call.Method)}";
        var answer = await PostAsync(path, body, headers =>
        {
            headers.TryAddWithoutValidation("Authorization", "bearer " + Settings.ApiKey.Reveal());
            headers.TryAddWithoutValidation("X-Odoo-Database", Settings.Database);
        }, ct).ConfigureAwait(false);

        if (answer.Status == 200)
            return ParseJson(answer, call.ToString());
        if (answer.ContentType == "application/json" && ParseJson(answer, call.ToString()) is JsonObject error && error["name"] is not null)
            throw OdooException.FromServer(Text(error["name"], "unknown"), Text(error["message"], ""), answer.Status);
        throw OdooException.FromHttpStatus(answer.Status, answer.Status == 404
            ? $"Odoo answered {call} with HTTP 404 and no Odoo error: is the database '{Settings.Database}' right?"
            : $"Odoo answered {call} with HTTP {answer.Status} and no Odoo error payload.");
    }

    /// <summary><c>/web/version</c> is a JSON-RPC route without authentication on every Odoo version.</summary>
    public override async Task<JsonNode?> VersionAsync(CancellationToken ct)
    {
        var body = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteString("method", "call");
            writer.WritePropertyName("params");
            writer.WriteStartObject();
            writer.WriteEndObject();
            writer.WriteNumber("id", 1);
            writer.WriteEndObject();
        });
        var answer = await PostAsync("web/version", body, null, ct).ConfigureAwait(false);
        return answer.Status == 200
            ? JsonRpcWire.ResultOf(ParseJson(answer, "web/version"), "web/version")
            : throw OdooException.FromHttpStatus(answer.Status, $"Odoo answered /web/version with HTTP {answer.Status}.");
    }
}
