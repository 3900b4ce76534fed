using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Fhir.Mapping;

namespace ActorSync.Http.Fhir;

/// <summary>
/// One ingest session per source and node, shared by its concurrent requests and by operators'
/// retries of its parked input, so that what one taught (a claim's invoice) is known to the next;
/// scoped to the source's sites.
/// </summary>
public sealed class SourceSessions(ActorSyncNode node, int parallelism)
{
    private static readonly ConditionalWeakTable<ActorSyncNode, SourceSessions> PerNode = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IngestSession>>> _sessions = new(StringComparer.Ordinal);

    /// <summary>The node's sessions (the FHIR endpoint's and the management API's are the same ones).</summary>
    public static SourceSessions Of(ActorSyncNode node) => PerNode.GetValue(node, n => new SourceSessions(n, HttpSettings.From(n.Config).Parallelism));

    /// <summary>The source's session, started once (its master data read from the journal) by the first request.</summary>
    public async Task<IngestSession> For(SourceSettings source)
    {
        var session = _sessions.GetOrAdd(source.Id.Value, _ => new Lazy<Task<IngestSession>>(() =>
        {
            var own = source.OwnSite is { } site && node.Network.LegalEntityOf(site) is { } legalEntity ? new SiteResolution(site, legalEntity, null) : null;
            return IngestSession.StartAsync(node, source.Id, own, parallelism, new SiteScope(source.Sites));
        }));
        try
        {
            return await session.Value;
        }
        catch
        {
            // A failed start (the journal unreachable) is not kept: the next request tries again.
            _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<IngestSession>>>(source.Id.Value, session));
            throw;
        }
    }
}
