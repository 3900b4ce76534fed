using System.CommandLine;
using System.Net;
using System.Text.Json;
using ActorSync.Host.Commands;
using ActorSync.Host.Output;

namespace ActorSync.Host.Palette;

/// <summary>
/// Running one palette command against a node: <c>--node</c> (default the local node's 9110), the
/// token from $ACTORSYNC_MGMT_TOKEN, a table by default or <c>--json</c>, and exit codes that say
/// what happened: 0 done, 1 refused (e.g. approving what is not staged), 2 the user's mistake
/// (unknown key, missing role or token), 3 the node cannot be reached or failed.
/// </summary>
internal static class PaletteCall
{
    public static readonly Option<string> Node = new("--node") { Description = "The node's management API", DefaultValueFactory = _ => "http://127.0.0.1:9110", Recursive = true };
    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON (the node's answer) instead of a table", Recursive = true };

    /// <summary>Whether the user named a node (commands that can also work offline, such as trace).</summary>
    public static bool NodeGiven(ParseResult parse) => parse.GetResult(Node) is { Implicit: false };

    /// <summary><paramref name="verdict"/> turns a good answer into an exit code (a reconciliation with differences is 1).</summary>
    public static async Task<int> RunAsync(ParseResult parse, HttpMethod method, string path, Action<JsonElement, TextWriter> print, CancellationToken ct, Func<JsonElement, int>? verdict = null, TimeSpan? timeout = null)
    {
        if (!Uri.TryCreate(parse.GetValue(Node), UriKind.Absolute, out var node) || node.Scheme is not ("http" or "https"))
            return await Fail(ExitCodes.BadConfiguration, $"--node {parse.GetValue(Node)} is not an http(s) URL such as http://127.0.0.1:9110");
        if (Environment.GetEnvironmentVariable(ManagementClient.TokenVariable) is not { Length: > 0 } token)
            return await Fail(ExitCodes.BadConfiguration, $"the operator's token goes in ${ManagementClient.TokenVariable} (never on the command line)");
        using var client = new ManagementClient(node, token, timeout);
        (HttpStatusCode Status, JsonElement Body) answer;
        try
        {
            answer = await client.SendAsync(method, path, ct);
        }
        catch (HttpRequestException e)
        {
            return await Fail(ExitCodes.Failure, $"the node at {node} cannot be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return await Fail(ExitCodes.Failure, $"the node at {node} did not answer within {client.Timeout.TotalSeconds:0} s; what it was asked may still be under way (look, e.g. sinks status, before asking again)");
        }
        var code = (int)answer.Status;
        if (code >= 400)
        {
            var message = answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("error", out var error) ? error.GetString() : answer.Body.ToString();
            if (code == 409 && answer.Body.TryGetProperty("message", out var refused))
                message = refused.GetString();
            return await Fail(code switch { 409 => ExitCodes.GoalMissed, >= 500 => ExitCodes.Failure, _ => ExitCodes.BadConfiguration }, $"{(int)answer.Status}: {message}");
        }
        if (parse.GetValue(Json))
            Console.WriteLine(answer.Body.GetRawText());
        else
            print(answer.Body, Console.Out);
        return verdict?.Invoke(answer.Body) ?? ExitCodes.Ok;
    }

    /// <summary>A JSON array of flat objects as a table; nested values as their JSON.</summary>
    public static Action<JsonElement, TextWriter> Table(string property, params string[] columns) => (body, writer) =>
    {
        var rows = body.GetProperty(property);
        var table = new TextTable(columns);
        foreach (var row in rows.EnumerateArray())
            table.Add([.. columns.Select(c => row.TryGetProperty(Camel(c), out var v) ? Text(v) : "")]);
        table.WriteTo(writer);
        writer.WriteLine($"  {rows.GetArrayLength()} {property}");
    };

    /// <summary>Commands that change something answer what they did.</summary>
    public static void Message(JsonElement body, TextWriter writer) => writer.WriteLine(body.TryGetProperty("message", out var m) ? m.GetString() : body.GetRawText());

    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };

    private static string Camel(string column) => string.Concat(column.Split(' ').Select((w, i) => i == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    private static async Task<int> Fail(int code, string message)
    {
        await Console.Error.WriteLineAsync($"actorsync: {message}");
        return code;
    }
}
