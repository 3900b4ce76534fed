using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ActorSync.OdooSim.Tests;

/// <summary>
/// Plain HTTP against the simulator with hand-written JSON — deliberately no client library, so these
/// tests check the wire format itself.
/// </summary>
internal sealed class OdooClient(Uri baseAddress, TimeSpan? timeout = null) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    private int _id;

    public const string Db = "actorsync";
    public const string AdminKey = "admin-api-key";

    public sealed record Answer(int Status, string ContentType, string Text)
    {
        public JsonNode? Json => Text.Length == 0 ? null : JsonNode.Parse(Text);
        public JsonNode? Result => Json!["result"];
        public JsonNode? Error => Json!["error"];
        public string? ErrorName => (string?)Json!["error"]?["data"]?["name"] ?? (string?)Json!["name"];
        public string? ErrorMessage => (string?)Json!["error"]?["data"]?["message"] ?? (string?)Json!["message"];
    }

    public async Task<Answer> PostAsync(string path, string json, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await _http.SendAsync(request);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsStringAsync());
    }

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    private async Task<Answer> SendAsync(HttpMethod method, string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(method, path));
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsStringAsync());
    }

    /// <summary>object.execute_kw over JSON-RPC; args and kwargs are JSON text.</summary>
    public Task<Answer> ExecuteAsync(string model, string method, string args, string? kwargs = null, int uid = 2, string password = "admin") =>
        PostAsync("/jsonrpc",
            $$"""{"jsonrpc":"2.0","method":"call","id":{{++_id}},"params":{"service":"object","method":"execute_kw","args":""" +
            $"[\"{Db}\",{uid},\"{password}\",\"{model}\",\"{method}\",{args}{(kwargs is null ? "" : "," + kwargs)}]" + "}}");

    /// <summary>The result of an execute_kw call that must succeed.</summary>
    public async Task<JsonNode?> CallAsync(string model, string method, string args, string? kwargs = null)
    {
        var answer = await ExecuteAsync(model, method, args, kwargs);
        if (answer.Error is not null) throw new InvalidOperationException($"{model}.{method} failed: {answer.ErrorName}: {answer.ErrorMessage}");
        return answer.Result;
    }

    public async Task<int> CreateAsync(string model, string vals, string? kwargs = null) => (int)(await CallAsync(model, "create", $"[{vals}]", kwargs))!;

    public Task<Answer> Json2Async(string model, string method, string body, string? apiKey = AdminKey, string? database = Db)
    {
        var headers = new Dictionary<string, string>();
        if (apiKey is not null) headers["Authorization"] = $"bearer {apiKey}";
        if (database is not null) headers["X-Odoo-Database"] = database;
        return PostAsync($"/json/2/{model}/{method}", body, headers);
    }

    public static AuthenticationHeaderValue Bearer(string key) => new("bearer", key);

    public void Dispose() => _http.Dispose();
}
