using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorSync.Host.Tests;

/// <summary><c>actorsync odoo sim</c> as its own process, with its control surface (records, faults) over HTTP.</summary>
internal sealed partial class SimulatorProcess : IDisposable
{
    private readonly ActorSyncProcess _process;
    private readonly HttpClient _http;

    private SimulatorProcess(ActorSyncProcess process, string url)
    {
        (_process, Url) = (process, url);
        _http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public string Url { get; }

    public static async Task<SimulatorProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var process = ActorSyncProcess.Start(environment, workingDirectory, ["odoo", "sim", "--port", "0", .. args]);
        await process.WaitForOutputAsync("Press Ctrl+C", TimeSpan.FromSeconds(60));
        return new SimulatorProcess(process, Address().Match(process.Stdout).Value);
    }

    public async Task<List<JsonElement>> RecordsAsync(string model) =>
        [.. (await _http.GetFromJsonAsync<JsonElement>($"sim/records/{model}")).EnumerateArray()];

    public async Task<List<JsonElement>> InvoicesAsync() =>
        [.. (await RecordsAsync("account.move")).Where(m => m.GetProperty("move_type").GetString() == "out_invoice")];

    /// <summary>Replaces the simulator's faults (<c>{}</c> clears them).</summary>
    public async Task SetFaultsAsync(string json)
    {
        using var answer = await _http.PostAsync("sim/faults", new StringContent(json, Encoding.UTF8, "application/json"));
        answer.EnsureSuccessStatusCode();
    }

    public async Task<int> StopAsync()
    {
        _process.Terminate();
        return await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Address();

    public void Dispose()
    {
        _http.Dispose();
        _process.Dispose();
    }
}
