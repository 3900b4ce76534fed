using System.Buffers;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Odoo.Connection;
using ActorSync.Odoo.Errors;

namespace ActorSync.Odoo.Wire;

/// <summary>
/// One of Odoo's wire protocols over a pooled HttpClient: turns an <see cref="OdooCall"/> into a
/// request and the answer into a result or an <see cref="OdooException"/>. No retries here.
/// </summary>
public abstract class OdooWire(HttpClient http, OdooConnectionSettings settings)
{
    protected OdooConnectionSettings Settings { get; } = settings;

    public abstract Task<JsonNode?> SendAsync(OdooCall call, CancellationToken ct);

    /// <summary>The server's version object (<c>server_version</c>, <c>server_version_info</c>, …).</summary>
    public abstract Task<JsonNode?> VersionAsync(CancellationToken ct);

    protected static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    protected static void WriteIds(Utf8JsonWriter writer, IReadOnlyList<long> ids)
    {
        writer.WriteStartArray();
        foreach (var id in ids)
            writer.WriteNumberValue(id);
        writer.WriteEndArray();
    }

    /// <summary>The call's named arguments and its context, as properties of the object being written.</summary>
    protected static void WriteArguments(Utf8JsonWriter writer, OdooCall call)
    {
        foreach (var (name, value) in call.Arguments)
        {
            writer.WritePropertyName(name);
            WriteNode(writer, value);
        }
        if (call.Context is not null)
        {
            writer.WritePropertyName("context");
            call.Context.WriteTo(writer);
        }
    }

    protected static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
            writer.WriteNullValue();
        else
            node.WriteTo(writer);
    }

    /// <summary>POSTs JSON; transport failures become transient <see cref="OdooException"/>s that say whether the request may have been committed.</summary>
    protected async Task<WireAnswer> PostAsync(string path, byte[] body, Action<HttpRequestHeaders>? headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Settings.Url, path));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        headers?.Invoke(request.Headers);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return new WireAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
        }
        catch (HttpRequestException e) when (NeverSent(e))
        {
            throw new OdooException("transport.unreachable", $"Odoo at {Settings.Url.Authority} could not be reached ({e.HttpRequestError}).", null, OdooErrorClass.Transient, mayHaveCommitted: false, e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            // The handler's connect timeout, not the caller: the request never reached Odoo.
            throw new OdooException("transport.unreachable", $"Odoo at {Settings.Url.Authority} did not accept a connection in time.", null, OdooErrorClass.Transient, mayHaveCommitted: false, e);
        }
        catch (HttpRequestException e)
        {
            throw new OdooException("transport.connection-lost", $"The connection to Odoo at {Settings.Url.Authority} was lost before an answer came ({e.HttpRequestError}).", null, OdooErrorClass.Transient, mayHaveCommitted: true, e);
        }
    }

    private static bool NeverSent(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.NameResolutionError
        || (e.HttpRequestError == HttpRequestError.ConnectionError && e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable });

    /// <summary>Parses a JSON answer, or fails with what the server sent instead.</summary>
    protected static JsonNode? ParseJson(WireAnswer answer, string where)
    {
        try
        {
            return JsonNode.Parse(answer.Body);
        }
        catch (JsonException)
        {
            throw OdooException.FromHttpStatus(answer.Status, $"Odoo answered {where} with HTTP {answer.Status} and {answer.ContentType ?? "no content type"}, not JSON.");
        }
    }

    protected static string Text(JsonNode? node, string fallback) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : fallback;
}

/// <summary>What came back over HTTP.</summary>
public sealed record WireAnswer(int Status, string? ContentType, string Body);
