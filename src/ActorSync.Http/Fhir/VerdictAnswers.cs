using ActorSync.Actors.Ingest;
using Hl7.Fhir.Model;

namespace ActorSync.Http.Fhir;

/// <summary>
/// How each ingest verdict is said in FHIR: the HTTP status of the resource, and an
/// OperationOutcome issue whose <c>details</c> carry the verdict as a code, so that a client (and
/// <c>actorsync import --node</c>) can count what happened without parsing prose.
/// </summary>
public static class VerdictAnswers
{
    public const string VerdictSystem = "https://actorsync.dev/fhir/CodeSystem/ingest-verdict";

    public static int Status(IngestVerdict verdict) => verdict switch
    {
        IngestVerdict.Accepted => 201,
        IngestVerdict.Parked => 202,
        IngestVerdict.Rejected => 400,
        IngestVerdict.Forbidden => 403,
        _ => 200,
    };

    public static string StatusLine(IngestVerdict verdict) => Status(verdict) switch
    {
        201 => "201 Created",
        202 => "202 Accepted",
        400 => "400 Bad Request",
        403 => "403 Forbidden",
        _ => "200 OK",
    };

    public static string Code(IngestVerdict verdict) => verdict switch
    {
        IngestVerdict.OutOfOrder => "out-of-order",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    public static IngestVerdict? Parse(string? code) =>
        Enum.GetValues<IngestVerdict>().Select(v => (IngestVerdict?)v).FirstOrDefault(v => Code(v!.Value) == code);

    /// <summary>The outcome of one resource; <paramref name="at"/> prefixes issue locations (e.g. <c>Bundle.entry[3]</c>).</summary>
    public static OperationOutcome Outcome(EntryOutcome outcome, string? at = null) => new() { Issue = Issues(outcome, at).ToList() };

    public static IEnumerable<OperationOutcome.IssueComponent> Issues(EntryOutcome outcome, string? at = null)
    {
        var (severity, type, text) = outcome.Verdict switch
        {
            IngestVerdict.Accepted => (OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational, "accepted: durable in ActorSync's journal"),
            IngestVerdict.Duplicate => (OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Duplicate, "an exact repeat of what was received before; nothing changed"),
            IngestVerdict.OutOfOrder => (OperationOutcome.IssueSeverity.Warning, OperationOutcome.IssueType.Conflict, "older than the version already applied; not applied"),
            IngestVerdict.Ignored => (OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.NotSupported, "a resource type ActorSync does not use: acknowledged, not stored"),
            IngestVerdict.Parked => (OperationOutcome.IssueSeverity.Warning, OperationOutcome.IssueType.Processing, "valid, but not mappable yet: kept in the exception queue"),
            IngestVerdict.Forbidden => (OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Forbidden, "outside the sites this source may write for"),
            _ => (OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Invalid, "not valid FHIR R4"),
        };
        var details = new CodeableConcept(VerdictSystem, Code(outcome.Verdict), text);
        var where = at is null ? [] : new[] { at };
        if (outcome.Verdict == IngestVerdict.Rejected && outcome.Issues.Count > 0)
        {
            // One issue per problem the parser found, each with where it is.
            foreach (var issue in outcome.Issues)
                yield return Issue(severity, type, details, issue.Message, issue.Location is { } location ? [Within(at, Rooted(location, outcome.ResourceType))] : where);
            yield break;
        }
        yield return Issue(severity, type, details, outcome.Reason, where);
    }

    /// <summary>The parser names the resource root <c>$this</c>; FHIRPath readers expect the type.</summary>
    private static string Rooted(string location, string? resourceType) =>
        resourceType is not null && location.StartsWith("$this", StringComparison.Ordinal) ? resourceType + location[5..] : location;

    /// <summary><c>Encounter.period.start</c> inside <c>Bundle.entry[3]</c> is <c>Bundle.entry[3].resource.period.start</c>.</summary>
    private static string Within(string? at, string location)
    {
        if (at is null)
            return location;
        var dot = location.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? $"{at}.resource" : $"{at}.resource{location[dot..]}";
    }

    public static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type, CodeableConcept? details, string? diagnostics, IEnumerable<string> expression) => new()
    {
        Severity = severity,
        Code = type,
        Details = details,
        Diagnostics = diagnostics,
        Expression = [.. expression],
    };

    /// <summary>A request-level problem (authentication, size, media type, an unreadable body).</summary>
    public static OperationOutcome Problem(OperationOutcome.IssueType type, string message, OperationOutcome.IssueSeverity severity = OperationOutcome.IssueSeverity.Error) =>
        new() { Issue = [Issue(severity, type, null, message, [])] };
}
