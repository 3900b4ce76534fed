using System.Globalization;
using System.Security.Cryptography;
using ActorSync.Domain.Common;
using ActorSync.Fhir.Parsing;

namespace ActorSync.Fhir.Mapping;

/// <summary>Where a batch of resources came from: the authenticated source and when it arrived.</summary>
public sealed record SourceContext(SourceId Source, DateTimeOffset ReceivedAt);

/// <summary>
/// The stamp of a resource version: meta.versionId when it is a number (FHIR servers count up),
/// else 0; always a fingerprint of the resource's bytes, which identifies exact repeats when a
/// source sends no versions (Synthea does not).
/// </summary>
public static class SourceStamps
{
    public static SourceStamp For(SourceContext context, ResourceHeader header, ReadOnlySpan<byte> resourceJson, string part = "")
    {
        var version = long.TryParse(header.VersionId, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return new SourceStamp(context.Source, header.ResourceType, header.Id ?? Fingerprint(resourceJson), version, Fingerprint(resourceJson), context.ReceivedAt, part);
    }

    public static string Fingerprint(ReadOnlySpan<byte> json) => Convert.ToHexString(SHA256.HashData(json), 0, 16);
}
