namespace ActorSync.Domain.Common;

/// <summary>
/// Where a command came from: one version of one source resource. <see cref="Part"/> tells apart
/// several commands that one resource version sends to the same entity (the lines of a claim).
/// <see cref="Version"/> orders versions (FHIR versionId, or 0 when the source has none);
/// <see cref="Fingerprint"/> is a hash of the content, used when there is no version.
/// </summary>
public sealed record SourceStamp(
    SourceId Source,
    string ResourceType,
    string ResourceId,
    long Version,
    string Fingerprint,
    DateTimeOffset ReceivedAt,
    string Part = "")
{
    /// <summary>The key under which an entity remembers the last version it applied.</summary>
    public string Key => Part.Length == 0
        ? $"{Source}|{ResourceType}/{ResourceId}"
        : $"{Source}|{ResourceType}/{ResourceId}#{Part}";
}

/// <summary>
/// The last version an entity applied for one source resource. For unversioned resources it also
/// keeps the fingerprints of the contents it replaced (<see cref="Earlier"/>, the last few), so that
/// a resend of superseded content is recognised instead of flip-flopping between two copies.
/// </summary>
public sealed record AppliedVersion(long Version, string Fingerprint, IReadOnlyList<string>? Earlier = null)
{
    public const int EarlierKept = 8;
}

public enum VersionVerdict
{
    New,
    Duplicate,
    OutOfOrder,
    Conflict,
}

/// <summary>Classifies an incoming stamp against what the entity already applied.</summary>
public static class SourceVersions
{
    public static VersionVerdict Classify(IReadOnlyDictionary<string, AppliedVersion> applied, SourceStamp stamp)
    {
        if (!applied.TryGetValue(stamp.Key, out var last))
            return VersionVerdict.New;
        if (stamp.Version > 0 && last.Version > 0)
        {
            if (stamp.Version > last.Version) return VersionVerdict.New;
            if (stamp.Version < last.Version) return VersionVerdict.OutOfOrder;
            // Same version number with other content is a sender bug: never apply or ignore it silently.
            return stamp.Fingerprint == last.Fingerprint ? VersionVerdict.Duplicate : VersionVerdict.Conflict;
        }
        if (stamp.Fingerprint == last.Fingerprint)
            return VersionVerdict.Duplicate;
        // Without versions, content that was applied and then replaced is a stale resend.
        return last.Earlier?.Contains(stamp.Fingerprint) == true ? VersionVerdict.OutOfOrder : VersionVerdict.New;
    }
}
