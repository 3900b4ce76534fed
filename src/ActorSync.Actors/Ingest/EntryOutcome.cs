using ActorSync.Fhir.Parsing;

namespace ActorSync.Actors.Ingest;

/// <summary>What became of one resource of an ingest.</summary>
public enum IngestVerdict
{
    /// <summary>Applied: new, or a newer version.</summary>
    Accepted,
    /// <summary>An exact repeat, acknowledged without change.</summary>
    Duplicate,
    /// <summary>Older than what the entity already applied.</summary>
    OutOfOrder,
    /// <summary>Not valid FHIR R4 (in the exception queue).</summary>
    Rejected,
    /// <summary>Valid, but for a site the source may not write for (in the exception queue).</summary>
    Forbidden,
    /// <summary>Valid but not mappable yet, or refused by an entity (in the exception queue).</summary>
    Parked,
    /// <summary>A resource type ActorSync does not use: acknowledged and counted, not stored.</summary>
    Ignored,
}

/// <summary>One resource's verdict, with the reason and, for invalid FHIR, each issue and where it is.</summary>
public sealed record EntryOutcome(int Index, string? ResourceType, string? Id, IngestVerdict Verdict, string? Reason, IReadOnlyList<ParseIssue> Issues);

/// <summary>
/// The verdicts of one ingest. <see cref="Applied"/> is false when an all-or-nothing ingest (a FHIR
/// transaction) had invalid or forbidden entries: then nothing was applied and only those are listed.
/// </summary>
public sealed record IngestReport(IReadOnlyList<EntryOutcome> Outcomes, bool Applied)
{
    public IngestCounts Counts { get; } = IngestCounts.Of(Outcomes);
}
