using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ActorSync.Host.Palette;

/// <summary>The palette's side of the management API: one request, its status and JSON answer.</summary>
internal sealed class ManagementClient(Uri node, string token, TimeSpan? timeout = null) : IDisposable
{
    public const string TokenVariable = "ACTORSYNC_MGMT_TOKEN";

    /// <summary>How long a request may take by default (a reconciliation or trace reads a lot).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http = new() { BaseAddress = node, Timeout = timeout ?? DefaultTimeout, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    public TimeSpan Timeout => _http.Timeout;

    public Uri Node => node;

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(method, path.TrimStart('/')), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement body;
        try
        {
            body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            body = JsonDocument.Parse(JsonSerializer.Serialize(new { error = $"the node answered {(int)response.StatusCode} without JSON" })).RootElement.Clone();
        }
        return (response.StatusCode, body);
    }

    public void Dispose() => _http.Dispose();
}
