using ActorSync.Actors.Configuration;
using ActorSync.Actors.Ingest;
using ActorSync.Fhir.Parsing;
using ActorSync.Http.Security;
using Akka.Actor;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;
using Task = System.Threading.Tasks.Task;

namespace ActorSync.Http.Fhir;

/// <summary>
/// The FHIR R4 way in: <c>POST /fhir</c> (Bundles: transaction, batch, collection, history),
/// <c>POST /fhir/{type}</c> and <c>PUT /fhir/{type}/{id}</c> (one resource) and
/// <c>POST /fhir/$import</c> (NDJSON, streamed, or a Bundle taken entry by entry). Every request is authenticated first; every answer
/// is FHIR (a response Bundle, an OperationOutcome, or Parameters for $import) and is given only
/// once what was accepted is durable.
/// </summary>
public sealed class FhirEndpoints(SourceAuthenticator authenticator, SourceSessions sessions, HttpSettings settings, ILogger<FhirEndpoints> log)
{
    private static readonly string[] JsonTypes = ["application/fhir+json", "application/json", "application/json+fhir"];
    private static readonly string[] NdjsonTypes = ["application/fhir+ndjson", "application/x-ndjson", "application/ndjson"];
    private static readonly string[] BundleTypes = ["transaction", "batch", "collection", "history"];
    private const int ImportIssuesListed = 100;
    private readonly SemaphoreSlim _slots = new(settings.MaxConcurrentRequests);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/fhir/metadata", Metadata);
        routes.MapPost("/fhir", PostBundle);
        routes.MapPost("/fhir/$import", PostImport);
        routes.MapPost("/fhir/{type}", PostResource);
        routes.MapPut("/fhir/{type}/{id}", PutResource);
        routes.MapFallback(http => Write(http, FhirJson.Answer(404, VerdictAnswers.Problem(IssueType.NotFound, $"{http.Request.Method} {http.Request.Path} is not an endpoint of this node (GET /fhir/metadata, POST /fhir, POST /fhir/{{type}}, PUT /fhir/{{type}}/{{id}}, POST /fhir/$import)"))));
    }

    /// <summary>What this endpoint takes, for FHIR clients that ask first; authenticated like everything else.</summary>
    private Task Metadata(HttpContext http) => Handle(http, [], _ => Task.FromResult(FhirJson.Answer(200, CapabilityStatements.Ingest())), streamed: true);

    private Task PostBundle(HttpContext http) => Handle(http, JsonTypes, body => PostBundleAsync(http, body));

    private Task PostImport(HttpContext http) => Handle(http, [.. NdjsonTypes, .. JsonTypes], _ => ImportAsync(http), streamed: true);

    private Task PostResource(HttpContext http) => Handle(http, JsonTypes, body => PutResourceAsync(http, body, RouteValue(http, "type"), null));

    private Task PutResource(HttpContext http) => Handle(http, JsonTypes, body => PutResourceAsync(http, body, RouteValue(http, "type"), RouteValue(http, "id")));

    private static string RouteValue(HttpContext http, string name) => (string)http.Request.RouteValues[name]!;

    /// <summary>Authentication, media type and size first; then one of the bounded request slots.</summary>
    private async Task Handle(HttpContext http, string[] mediaTypes, Func<byte[], Task<IResult>> handler, bool streamed = false)
    {
        var ct = http.RequestAborted;
        IResult result;
        if (authenticator.Authenticate(http.Request.Headers.Authorization) is not { } source)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"actorsync\", Basic realm=\"actorsync\"";
            result = FhirJson.Answer(401, VerdictAnswers.Problem(IssueType.Login, "authentication required: send the source's credential as 'Authorization: Bearer <token>' (or HTTP Basic with the source name)"));
        }
        else if (http.Request.ContentType is { } contentType && !mediaTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
            result = FhirJson.Answer(415, VerdictAnswers.Problem(IssueType.NotSupported, $"content type {contentType} is not accepted here; send {string.Join(" or ", mediaTypes)}"));
        else if (http.Request.ContentLength > (streamed ? settings.MaxImportBytes : settings.MaxBodyBytes))
            result = TooLarge(streamed ? settings.MaxImportBytes : settings.MaxBodyBytes);
        else
        {
            http.Items[nameof(SourceSettings)] = source;
            await _slots.WaitAsync(ct);
            try
            {
                result = await Run(http, handler, streamed);
            }
            finally
            {
                _slots.Release();
            }
        }
        await Write(http, result);
    }

    private async Task<IResult> Run(HttpContext http, Func<byte[], Task<IResult>> handler, bool streamed)
    {
        try
        {
            var body = streamed ? [] : await ReadBodyAsync(http.Request, settings.MaxBodyBytes, http.RequestAborted);
            return body is null ? TooLarge(settings.MaxBodyBytes) : await handler(body);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == 413)
        {
            return TooLarge(settings.MaxImportBytes);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TimeoutException or InvalidOperationException && !http.RequestAborted.IsCancellationRequested)
        {
            // The journal is slow or down: nothing unacknowledged is lost, and resending is safe (duplicates are recognised).
            log.LogWarning("An ingest request of {Source} could not be made durable: {Problem}", Source(http).Id, ex.Message);
            http.Response.Headers.RetryAfter = "5";
            return FhirJson.Answer(503, VerdictAnswers.Problem(IssueType.Transient, "ActorSync could not make the data durable in time; send it again (repeats are recognised and not applied twice)"));
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Our fault, not the sender's: logged without the payload; the answer carries no internals.
            log.LogError("An ingest request of {Source} failed: {Type}: {Problem}", Source(http).Id, ex.GetType().Name, ex.Message);
            return FhirJson.Answer(500, VerdictAnswers.Problem(IssueType.Exception, "ActorSync failed to process the request; what was acknowledged before is durable, and sending it again is safe"));
        }
    }

    private async Task<IResult> PostBundleAsync(HttpContext http, byte[] body)
    {
        if (!ResourceHeader.TryRead(body, out var header, out _))
            return await SingleAsync(http, new BundleEntry(0, null, body, null, null));
        if (header.ResourceType != "Bundle")
            return FhirJson.Answer(400, VerdictAnswers.Problem(IssueType.Invalid, $"POST /fhir takes a Bundle, not a {header.ResourceType}; send single resources to POST /fhir/{header.ResourceType}"));
        if (!BundleReader.TryRead(body, out var bundle, out var problem))
            return FhirJson.Answer(400, VerdictAnswers.Problem(IssueType.Structure, problem ?? "the Bundle could not be read"));
        if (!BundleTypes.Contains(bundle!.Type))
            return FhirJson.Answer(400, VerdictAnswers.Problem(IssueType.NotSupported, $"Bundle.type '{bundle.Type}' is not accepted; send a {string.Join(", ", BundleTypes)} Bundle"));

        var transaction = bundle.Type == "transaction";
        var report = await (await sessions.For(Source(http))).IngestAsync(bundle.Entries, allOrNothing: transaction, http.RequestAborted);
        if (!report.Applied)
        {
            var failed = new OperationOutcome { Issue = [.. report.Outcomes.SelectMany(o => VerdictAnswers.Issues(o, $"Bundle.entry[{o.Index}]"))] };
            failed.Issue.Insert(0, VerdictAnswers.Issue(OperationOutcome.IssueSeverity.Error, IssueType.Processing, null,
                $"the transaction was not applied: {report.Outcomes.Count} of {bundle.Entries.Count} entries are not acceptable (listed below); nothing else was written", []));
            return FhirJson.Answer(report.Outcomes.Any(o => o.Verdict == IngestVerdict.Forbidden) ? 403 : 400, failed);
        }
        var response = new Bundle { Type = transaction ? Bundle.BundleType.TransactionResponse : Bundle.BundleType.BatchResponse };
        foreach (var outcome in report.Outcomes)
            response.Entry.Add(new Bundle.EntryComponent { Response = new Bundle.ResponseComponent { Status = VerdictAnswers.StatusLine(outcome.Verdict), Outcome = VerdictAnswers.Outcome(outcome) } });
        return FhirJson.Answer(200, response);
    }

    private async Task<IResult> PutResourceAsync(HttpContext http, byte[] body, string type, string? id)
    {
        if (!ModelInfo.IsKnownResource(type))
            return FhirJson.Answer(404, VerdictAnswers.Problem(IssueType.NotSupported, $"{type} is not a FHIR R4 resource type"));
        if (ResourceHeader.TryRead(body, out var header, out _))
        {
            if (header.ResourceType != type)
                return FhirJson.Answer(400, VerdictAnswers.Problem(IssueType.Invalid, $"the body is a {header.ResourceType}, but the URL says {type}"));
            if (id is not null && header.Id != id)
                return FhirJson.Answer(400, VerdictAnswers.Problem(IssueType.Invalid, $"the resource's id '{header.Id}' is not the id in the URL '{id}'"));
        }
        return await SingleAsync(http, new BundleEntry(0, null, body, null, null));
    }

    private async Task<IResult> SingleAsync(HttpContext http, BundleEntry entry)
    {
        var report = await (await sessions.For(Source(http))).IngestAsync([entry], cancellationToken: http.RequestAborted);
        var outcome = report.Outcomes[0];
        return FhirJson.Answer(VerdictAnswers.Status(outcome.Verdict), VerdictAnswers.Outcome(outcome));
    }

    /// <summary>
    /// A bulk import: NDJSON streamed in batches (memory stays bounded however large the body is),
    /// or a Bundle of any type whose entries are taken one by one, as <c>actorsync import</c> takes
    /// its files — a transaction's bad entry is reported and the others are applied. Answers the
    /// counts as Parameters, with the problems listed.
    /// </summary>
    private async Task<IResult> ImportAsync(HttpContext http)
    {
        var session = await sessions.For(Source(http));
        var totals = IngestCounts.Zero;
        var listed = new List<OperationOutcome.IssueComponent>();
        var unlisted = 0;
        async Task IngestAsync(IReadOnlyList<BundleEntry> batch, Func<int, string> where)
        {
            var report = await session.IngestAsync(batch, cancellationToken: http.RequestAborted);
            totals += report.Counts;
            foreach (var outcome in report.Outcomes.Where(o => o.Verdict is IngestVerdict.Rejected or IngestVerdict.Forbidden or IngestVerdict.Parked))
            {
                if (listed.Count < ImportIssuesListed)
                    listed.AddRange(VerdictAnswers.Issues(outcome with { Reason = $"{where(outcome.Index)}: {outcome.Reason}" }));
                else
                    unlisted++;
            }
        }

        if (!JsonTypes.Any(t => http.Request.ContentType?.StartsWith(t, StringComparison.OrdinalIgnoreCase) == true))
        {
            await foreach (var batch in NdjsonReader.ReadAsync(http.Request.Body, 1000, settings.MaxNdjsonLineBytes, http.RequestAborted))
                await IngestAsync(batch, index => $"line {index + 1}");
        }
        else
        {
            // A Bundle is read whole: the body limit applies, not the streamed NDJSON one.
            var body = await ReadBodyAsync(http.Request, settings.MaxBodyBytes, http.RequestAborted);
            if (body is null)
                return TooLarge(settings.MaxBodyBytes);
            if (!ResourceHeader.TryRead(body, out var header, out var notFhir) || header.ResourceType != "Bundle")
                return FhirJson.Answer(400, VerdictAnswers.Problem(IssueType.Invalid, $"$import takes NDJSON or a Bundle; {(notFhir ?? $"this is a {header.ResourceType}")}"));
            if (!BundleReader.TryRead(body, out var bundle, out var problem))
                return FhirJson.Answer(400, VerdictAnswers.Problem(IssueType.Structure, problem ?? "the Bundle could not be read"));
            await IngestAsync(bundle!.Entries, index => $"Bundle.entry[{index}]");
        }
        var summary = $"{totals.Resources} resources: {totals.Accepted} accepted, {totals.Duplicates} duplicates, {totals.OutOfOrder} out of order, {totals.Rejected} rejected, {totals.Parked} parked, {totals.Ignored} ignored";
        listed.Insert(0, VerdictAnswers.Issue(OperationOutcome.IssueSeverity.Information, IssueType.Informational, null, summary + (unlisted > 0 ? $"; {unlisted} more problems not listed" : ""), []));
        var parameters = new Parameters();
        foreach (var (name, value) in ImportCounts.Fields(totals))
            parameters.Add(name, new Integer(value));
        parameters.Parameter.Add(new Parameters.ParameterComponent { Name = "outcome", Resource = new OperationOutcome { Issue = listed } });
        return FhirJson.Answer(200, parameters);
    }

    private static SourceSettings Source(HttpContext http) => (SourceSettings)http.Items[nameof(SourceSettings)]!;

    private static IResult TooLarge(long limit) =>
        FhirJson.Answer(413, VerdictAnswers.Problem(IssueType.TooLong, $"the body is larger than this endpoint accepts ({limit:N0} bytes); split it, or use POST /fhir/$import for NDJSON"));

    /// <summary>The whole body, or null when it is larger than the limit (chunked bodies have no Content-Length to check first).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and < 1 << 24 ? (int)length : 64 * 1024);
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static Task Write(HttpContext http, IResult result) => result.ExecuteAsync(http);
}
