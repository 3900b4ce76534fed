using System.Net.Http.Headers;
using ActorSync.Actors.Ingest;
using ActorSync.Fhir.Parsing;
using Hl7.Fhir.Model;

namespace ActorSync.Http.Fhir;

/// <summary>
/// What a node answered for one file: the counts of its verdicts, or why the file as a whole was
/// not taken; and what the node said of the resources it did not apply (at most the ones it lists).
/// </summary>
public sealed record FileAnswer(IngestCounts Counts, string? Problem, IReadOnlyList<string> Problems)
{
    public FileAnswer(IngestCounts counts, string? problem) : this(counts, problem, []) { }
}

/// <summary>
/// Sends FHIR files to a running node's endpoint, as <c>actorsync import --node</c> does: NDJSON
/// streamed to <c>$import</c>, Bundles to <c>$import</c> too (entries one by one, as the embedded
/// import takes them, whatever the Bundle's type), single resources to <c>/fhir/{type}</c>.
/// Counts come from the verdict codes of the answers, never from prose.
/// </summary>
public sealed class FhirIngestClient(HttpClient http)
{
    public static HttpClient Create(Uri node, string token) => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = new Uri(node.ToString().TrimEnd('/') + "/"),
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    public async Task<FileAnswer> SendFileAsync(string file, CancellationToken ct)
    {
        if (file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            await using var stream = File.OpenRead(file);
            return await PostAsync("fhir/$import", new StreamContent(stream), "application/fhir+ndjson", ct);
        }
        var bytes = await File.ReadAllBytesAsync(file, ct);
        var path = ResourceHeader.TryRead(bytes, out var header, out _) && header.ResourceType != "Bundle" ? $"fhir/{header.ResourceType}" : "fhir/$import";
        return await PostAsync(path, new ByteArrayContent(bytes), FhirJson.MediaType, ct);
    }

    private async Task<FileAnswer> PostAsync(string path, HttpContent content, string mediaType, CancellationToken ct)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await http.PostAsync(path, content, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        Resource? answer;
        try
        {
            answer = FhirJson.Deserialize<Resource>(body);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
        {
            return new FileAnswer(IngestCounts.Zero, $"HTTP {(int)response.StatusCode}: the answer is not FHIR");
        }
        return answer switch
        {
            Parameters p => new FileAnswer(FromParameters(p), null, Diagnostics(p.GetSingle("outcome")?.Resource as OperationOutcome)),
            Bundle b => new FileAnswer(Count(b.Entry.Select(e => e.Response?.Outcome as OperationOutcome)), null),
            OperationOutcome o when VerdictsOf(o).Any() => new FileAnswer(Count(VerdictsOf(o)), response.IsSuccessStatusCode ? null : FirstProblem(o, response), Diagnostics(o)),
            OperationOutcome o => new FileAnswer(IngestCounts.Zero, FirstProblem(o, response)),
            _ => new FileAnswer(IngestCounts.Zero, $"HTTP {(int)response.StatusCode}: an unexpected {answer?.TypeName} answer"),
        };
    }

    /// <summary>
    /// The verdicts an OperationOutcome carries: one for a single resource, one per entry for a failed
    /// transaction (which lists its bad entries only, each possibly with several issues).
    /// </summary>
    private static IEnumerable<IngestVerdict> VerdictsOf(OperationOutcome outcome)
    {
        var coded = outcome.Issue.Where(i => Verdict(i) is not null).ToList();
        if (!coded.Any(i => i.Expression.Any(e => e?.StartsWith("Bundle.entry[", StringComparison.Ordinal) == true)))
            return coded.Take(1).Select(i => Verdict(i)!.Value);
        return coded.GroupBy(i => i.Expression.FirstOrDefault()?.Split(']')[0]).Select(g => Verdict(g.First())!.Value);
    }

    private static IngestVerdict? Verdict(OperationOutcome.IssueComponent? issue) =>
        VerdictAnswers.Parse(issue?.Details?.Coding.FirstOrDefault(c => c.System == VerdictAnswers.VerdictSystem)?.Code);

    private static IngestCounts Count(IEnumerable<OperationOutcome?> outcomes) =>
        Count(outcomes.Select(o => Verdict(o?.Issue.FirstOrDefault())).OfType<IngestVerdict>());

    private static IngestCounts Count(IEnumerable<IngestVerdict> verdicts) =>
        IngestCounts.Of(verdicts.Select(v => new EntryOutcome(0, null, null, v, null, [])));

    private static IngestCounts FromParameters(Parameters p)
    {
        int Value(string name) => (p.GetSingle(name)?.Value as Integer)?.Value ?? 0;
        return new IngestCounts(Value("accepted"), Value("duplicates"), Value("outOfOrder"), Value("rejected"), Value("parked"), Value("ignored"));
    }

    /// <summary>The errors and warnings an outcome lists (not its informational summary).</summary>
    private static IReadOnlyList<string> Diagnostics(OperationOutcome? outcome) =>
        [.. (outcome?.Issue ?? []).Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal or OperationOutcome.IssueSeverity.Warning)
            .Select(i => i.Diagnostics).OfType<string>()];

    private static string FirstProblem(OperationOutcome outcome, HttpResponseMessage response) =>
        $"HTTP {(int)response.StatusCode}: {outcome.Issue.FirstOrDefault()?.Diagnostics ?? "no details"}";
}
