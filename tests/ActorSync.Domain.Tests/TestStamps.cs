using ActorSync.Domain.Common;

namespace ActorSync.Domain.Tests;

/// <summary>Builds the source stamps that commands carry: one source, one fixed receive time.</summary>
internal static class TestStamps
{
    public static SourceId Source { get; } = new("ehr-north");

    public static DateTimeOffset ReceivedAt { get; } = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A versioned stamp; the fingerprint follows the version unless a content is given.</summary>
    public static SourceStamp Of(string resourceType, string resourceId, long version, string? content = null, string part = "") =>
        new(Source, resourceType, resourceId, version, content ?? $"{resourceType}/{resourceId}@{version}", ReceivedAt, part);

    /// <summary>A stamp from a source that has no version ids: only the content fingerprint tells versions apart.</summary>
    public static SourceStamp Unversioned(string resourceType, string resourceId, string content, string part = "") =>
        new(Source, resourceType, resourceId, 0, content, ReceivedAt, part);
}
