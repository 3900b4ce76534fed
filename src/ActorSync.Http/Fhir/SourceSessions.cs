using System.Collections.Concurrent;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Fhir.Mapping;

namespace ActorSync.Http.Fhir;

/// <summary>
/// One ingest session per source, shared by its concurrent requests, so that what one request
/// taught (a claim's invoice) is known to the next; scoped to the source's sites.
/// </summary>
public sealed class SourceSessions(ActorSyncNode node, int parallelism)
{
    private readonly ConcurrentDictionary<string, IngestSession> _sessions = new(StringComparer.Ordinal);

    public IngestSession For(SourceSettings source) => _sessions.GetOrAdd(source.Id.Value, _ =>
    {
        var own = source.OwnSite is { } site && node.Network.LegalEntityOf(site) is { } legalEntity ? new SiteResolution(site, legalEntity, null) : null;
        return IngestSession.Start(node, source.Id, own, parallelism, new SiteScope(source.Sites));
    });
}
