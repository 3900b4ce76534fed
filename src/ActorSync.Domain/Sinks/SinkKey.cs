using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;

namespace ActorSync.Domain.Sinks;

/// <summary>A posting sink: one per site (and so legal entity) and flow.</summary>
public readonly record struct SinkKey(LegalEntityId LegalEntity, SiteId Site, PostingFlow Flow)
{
    public override string ToString() => $"{LegalEntity}/{Site}/{FlowName(Flow)}";

    public static string FlowName(PostingFlow flow) => flow.ToString().ToLowerInvariant();

    public static SinkKey Parse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 3 && Enum.TryParse<PostingFlow>(parts[2], ignoreCase: true, out var flow)
            ? new SinkKey(new LegalEntityId(parts[0]), new SiteId(parts[1]), flow)
            : throw new DomainException($"'{text}' is not a sink (legal-entity/site/flow).");
    }
}
