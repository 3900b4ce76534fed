using System.Text.Json;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary><c>actorsync import</c> as a script runs it: real process, files on disk, the JSON summary on the last line.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-import-").FullName;
    private string _lastOutput = "";

    [Fact]
    public async Task Import_counts_every_resource_and_a_second_import_finds_only_duplicates()
    {
        var input = await WriteInputAsync();

        var first = await ImportAsync(input);
        var second = await ImportAsync(input);

        Assert.Equal((8, 3, 0, 2, 1, 2), Counts(first));
        Assert.Equal(0, first.GetProperty("duplicates").GetInt32());
        // Where and why, for what was not applied: the parked encounter names the unknown organization.
        Assert.Contains("Not applied (3;", _lastOutput, StringComparison.Ordinal);
        Assert.Contains(_lastOutput.Split('\n'), l => l.Contains("Observation.ndjson:3: parked: Encounter/enc-9:", StringComparison.Ordinal) && l.Contains("Organization/elsewhere", StringComparison.Ordinal));
        Assert.Equal((8, 0, 3, 2, 1, 2), Counts(second));
        Assert.True(File.Exists(Path.Combine(_work, "data", "pseudonym.key")));
    }

    [Fact]
    public async Task Import_to_a_running_node_over_http_counts_the_same_and_needs_the_right_token()
    {
        var input = await WriteInputAsync();
        var conf = Path.Combine(_work, "node.conf");
        await File.WriteAllTextAsync(conf, "akka.remote.dot-netty.tcp.port = 0\nactorsync.http.port = 0\nactorsync.management.port = 0\n");
        const string token = "a-northwind-token-for-this-test";
        using var node = ActorSyncProcess.Start(new Dictionary<string, string> { ["ACTORSYNC_SOURCE_NORTHWIND_EHR"] = token }, _work, "node", "--config", conf);
        await node.WaitForOutputAsync("Press Ctrl+C", TimeSpan.FromSeconds(60));
        var url = node.Stdout.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("FHIR endpoint:", StringComparison.Ordinal))["FHIR endpoint:".Length..].Trim()[..^"fhir".Length];

        var first = await ImportAsync(input, "--node", url, token);
        var second = await ImportAsync(input, "--node", url, token);
        using var wrong = ActorSyncProcess.Start(new Dictionary<string, string> { ["ACTORSYNC_TOKEN"] = "not-the-token" }, _work, "import", input, "--node", url);
        using var mixed = ActorSyncProcess.Start(new Dictionary<string, string> { ["ACTORSYNC_TOKEN"] = token }, _work, "import", input, "--node", url, "--source", "lakeside-ehr", "--site", "lc-main");
        Assert.Equal(2, await mixed.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("--source, --site: only for the embedded node, not with --node", mixed.Stderr, StringComparison.Ordinal);

        Assert.Equal((8, 3, 0, 2, 1, 2), Counts(first));
        Assert.Equal((8, 0, 3, 2, 1, 2), Counts(second));
        Assert.Contains(_lastOutput.Split('\n'), l => l.Contains("Observation.ndjson: line 3:", StringComparison.Ordinal) && l.Contains("Organization/elsewhere", StringComparison.Ordinal));
        Assert.Equal(1, await wrong.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("HTTP 401", wrong.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", wrong.Stderr + wrong.Stdout, StringComparison.Ordinal);
        node.Terminate();
        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private async Task<string> WriteInputAsync()
    {
        var input = Directory.CreateDirectory(Path.Combine(_work, "in")).FullName;
        await File.WriteAllTextAsync(Path.Combine(input, "visit.json"), """
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"urn:uuid:e-1","resource":{"resourceType":"Encounter","id":"enc-1","status":"finished","class":{"code":"AMB"},
                 "serviceProvider":{"reference":"Organization/nw-clinic"}}},
              {"fullUrl":"urn:uuid:c-1","resource":{"resourceType":"Claim","id":"claim-1","status":"active","type":{"coding":[{"code":"professional"}]},
                 "use":"claim","patient":{"reference":"urn:uuid:p-1"},"created":"2026-03-14T11:00:00Z","provider":{"reference":"Organization/nw-clinic"},
                 "priority":{"coding":[{"code":"normal"}]},"insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Medicaid"}}],
                 "item":[{"sequence":1,"productOrService":{"text":"Visit"},"encounter":[{"reference":"urn:uuid:e-1"}]}],
                 "total":{"value":95,"currency":"USD"}}}]}
            """);
        // A transaction with a bad entry: an import takes its entries one by one, embedded or over HTTP.
        await File.WriteAllTextAsync(Path.Combine(input, "visit-2.json"), """
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:e-2","resource":{"resourceType":"Encounter","id":"enc-2","status":"finished","class":{"code":"AMB"},
                 "serviceProvider":{"reference":"Organization/nw-clinic"}},"request":{"method":"PUT","url":"Encounter/enc-2"}},
              {"fullUrl":"urn:uuid:o-2","resource":{"resourceType":"Observation","id":"o2","status":"final","code":{"text":"x"}},"request":{"method":"PUT","url":"Observation/o2"}},
              {"fullUrl":"urn:uuid:e-3","resource":{"resourceType":"Encounter","id":"enc-3","status":"finished","class":{"code":"AMB"},
                 "period":{"start":"2026-13-45"},"serviceProvider":{"reference":"Organization/nw-clinic"}},"request":{"method":"PUT","url":"Encounter/enc-3"}}]}
            """);
        await File.WriteAllLinesAsync(Path.Combine(input, "Observation.ndjson"),
        [
            """{"resourceType":"Observation","id":"o1","status":"final","code":{"text":"x"}}""",
            """{"resourceType":"Encounter","id":"broken",""",
            """{"resourceType":"Encounter","id":"enc-9","status":"finished","class":{"code":"AMB"},"serviceProvider":{"reference":"Organization/elsewhere"}}""",
        ]);
        return input;
    }

    [Fact]
    public async Task Import_of_nothing_is_a_readable_error_with_exit_code_2()
    {
        using var import = ActorSyncProcess.Start(_work, "import", Path.Combine(_work, "empty-folder-that-does-not-exist"));
        Assert.Equal(2, await import.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("empty-folder-that-does-not-exist: no such file or folder", import.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", import.Stderr, StringComparison.Ordinal);
    }

    private async Task<JsonElement> ImportAsync(string input, string? option = null, string? url = null, string? token = null)
    {
        var environment = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ACTORSYNC_TOKEN"] = token };
        using var import = ActorSyncProcess.Start(environment, _work, ["import", input, "--json", .. option is null ? Array.Empty<string>() : [option, url!]]);
        Assert.Equal(0, await import.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        _lastOutput = import.Stdout;
        return import.LastJson();
    }

    private static (int Resources, int Accepted, int Duplicates, int Rejected, int Parked, int Ignored) Counts(JsonElement json) => (
        json.GetProperty("resources").GetInt32(), json.GetProperty("accepted").GetInt32(), json.GetProperty("duplicates").GetInt32(),
        json.GetProperty("rejected").GetInt32(), json.GetProperty("parked").GetInt32(), json.GetProperty("ignored").GetInt32());

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
