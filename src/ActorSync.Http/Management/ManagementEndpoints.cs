using System.Globalization;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Operations;
using ActorSync.Actors.Reconciliation;
using ActorSync.Actors.Replay;
using ActorSync.Actors.Sinks;
using ActorSync.Actors.Tracing;
using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Sinks;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorSync.Http.Management;

/// <summary>
/// The routes of the management API. Every request names its operator (Bearer token); viewers read,
/// operators act on the cluster and the exception queue, approvers approve and reject. Who did what
/// is recorded in the sinks' journals by the operator's name.
/// </summary>
internal sealed class ManagementEndpoints(ActorSyncNode node, OperatorAuthenticator authenticator)
{
    private const int RecentEvents = 20;

    public void Map(IEndpointRouteBuilder app)
    {
        // Probes carry no data and need no token (Kubernetes and compose call them).
        app.MapGet("/health/live", () => node.System.WhenTerminated.IsCompleted ? Results.Json(new { live = false }, statusCode: 503) : Results.Json(new { live = true }));
        app.MapGet("/health/ready", () =>
        {
            var status = Akka.Cluster.Cluster.Get(node.System).SelfMember.Status;
            return status == Akka.Cluster.MemberStatus.Up ? Results.Json(new { ready = true, member = status.ToString() }) : Results.Json(new { ready = false, member = status.ToString() }, statusCode: 503);
        });
        Get(app, "/cluster", OperatorRoles.Viewer, (_, _) => Task.FromResult(Cluster()));
        Post(app, "/cluster/leave", OperatorRoles.Operator, (r, _, _) => ClusterAction(r, (c, a) => c.Leave(a), self: true));
        Post(app, "/cluster/down", OperatorRoles.Operator, (r, _, _) => ClusterAction(r, (c, a) => c.Down(a), self: false));
        Post(app, "/cluster/join", OperatorRoles.Operator, (r, _, _) => ClusterAction(r, (c, a) => c.Join(a), self: false));
        Post(app, "/cluster/down-unreachable", OperatorRoles.Operator, (_, _, _) => Task.FromResult(DownUnreachable()));
        Get(app, "/cluster/sharding/regions", OperatorRoles.Viewer, (_, _) => Task.FromResult(Results.Json(new { regions = Regions().Keys })));
        Get(app, "/cluster/sharding/{type}/region-stats", OperatorRoles.Viewer, (r, ct) => RegionStats(r.RouteValues["type"]!.ToString()!, ct));
        Get(app, "/cluster/sharding/{type}/shard-stats", OperatorRoles.Viewer, (r, ct) => ShardStats(r.RouteValues["type"]!.ToString()!, ct));
        Get(app, "/entities/{type}/{**id}", OperatorRoles.Viewer, (r, ct) => Entity(r.RouteValues["type"]!.ToString()!, r.RouteValues["id"]!.ToString()!, r.Query, ct));
        Get(app, "/sinks", OperatorRoles.Viewer, (r, ct) => Sinks(r.Query, ct));
        Get(app, "/exceptions", OperatorRoles.Viewer, async (_, ct) => Results.Json(new { postings = (await SinkOperations.ListAsync(node, OutboxStatus.Parked, ct)).Select(Json) }));
        Get(app, "/exceptions/{key}", OperatorRoles.Viewer, (r, ct) => Posting(r, ct));
        Post(app, "/exceptions/retry", OperatorRoles.Operator, async (r, who, ct) => r.Query["cause"].ToString() is { Length: > 0 } cause
            ? Results.Json(new { done = true, affected = await SinkOperations.RetryCauseAsync(node, cause, who.Name, ct), message = $"retried the postings parked with cause {cause}" })
            : Problem(400, "say which postings: /exceptions/{key}/retry, or ?cause=…"));
        Post(app, "/exceptions/{key}/retry", OperatorRoles.Operator, (r, who, ct) => OnPosting(r, ct, sink => new RetryParked(sink, Key(r), null, who.Name)));
        Post(app, "/exceptions/{key}/discard", OperatorRoles.Operator, (r, who, ct) => OnPosting(r, ct, sink => new DiscardParked(sink, Key(r), who.Name, r.Query["reason"].ToString())));
        Get(app, "/inputs", OperatorRoles.Viewer, (r, _) => InputQueueRoutes.List(node, r.Query));
        // The payload as it arrived carries patient references: operators only.
        Get(app, "/inputs/show", OperatorRoles.Operator, (r, ct) => InputQueueRoutes.Show(node, r.Query, ct));
        Post(app, "/inputs/retry", OperatorRoles.Operator, (r, who, ct) => InputQueueRoutes.Retry(node, r.Query, who.Name, ct));
        Post(app, "/inputs/discard", OperatorRoles.Operator, (r, who, ct) => InputQueueRoutes.Discard(node, r.Query, who.Name, ct));
        Get(app, "/approvals", OperatorRoles.Viewer, async (_, ct) => Results.Json(new { postings = (await SinkOperations.ListAsync(node, OutboxStatus.AwaitingApproval, ct)).Select(Json) }));
        Post(app, "/approvals/{key}/approve", OperatorRoles.Approver, (r, who, ct) => OnPosting(r, ct, sink => new ApprovePosting(sink, Key(r), who.Name)));
        Post(app, "/approvals/{key}/reject", OperatorRoles.Approver, (r, who, ct) => OnPosting(r, ct, sink => new RejectPosting(sink, Key(r), who.Name, r.Query["reason"].ToString())));
        Get(app, "/reconcile", OperatorRoles.Viewer, (r, ct) => Reconcile(r.Query, ct));
        Post(app, "/replay/repost", OperatorRoles.Operator, (r, who, ct) => Repost(r.Query, who.Name, ct));
        Get(app, "/trace/{type}/{**id}", OperatorRoles.Viewer, (r, ct) => Trace(new ResourceRef(r.RouteValues["type"]!.ToString()!, r.RouteValues["id"]!.ToString()!), ct));
    }

    /// <summary>Middleware for routes mapped elsewhere (Prometheus' /metrics): a viewer's token, else 401 / 403.</summary>
    public async Task RequireViewer(HttpContext context, Func<Task> next)
    {
        var who = authenticator.Authenticate(context.Request.Headers.Authorization);
        if (who?.Roles.HasFlag(OperatorRoles.Viewer) == true)
            await next();
        else
            await Problem(who is null ? 401 : 403, who is null ? "an operator's token is needed: Authorization: Bearer <token>" : $"{who.Name} does not have the viewer role").ExecuteAsync(context);
    }

    private void Get(IEndpointRouteBuilder app, string route, OperatorRoles role, Func<HttpRequest, CancellationToken, Task<IResult>> handle) =>
        app.MapGet(route, (Func<HttpContext, Task<IResult>>)(context => Guarded(context, role, _ => handle(context.Request, context.RequestAborted))));

    private void Post(IEndpointRouteBuilder app, string route, OperatorRoles role, Func<HttpRequest, OperatorSettings, CancellationToken, Task<IResult>> handle) =>
        app.MapPost(route, (Func<HttpContext, Task<IResult>>)(context => Guarded(context, role, who => handle(context.Request, who, context.RequestAborted))));

    /// <summary>401 without a known operator, 403 without the role; a user's mistake is a 400 or 404 with a message, never a stack trace.</summary>
    private async Task<IResult> Guarded(HttpContext context, OperatorRoles role, Func<OperatorSettings, Task<IResult>> handle)
    {
        if (authenticator.Authenticate(context.Request.Headers.Authorization) is not { } who)
            return Problem(401, "an operator's token is needed: Authorization: Bearer <token> (the palette sends $ACTORSYNC_MGMT_TOKEN)");
        if (!who.Roles.HasFlag(role))
            return Problem(403, $"{who.Name} does not have the {role.ToString().ToLowerInvariant()} role");
        try
        {
            return await handle(who);
        }
        catch (Exception e) when (e is ArgumentException or DomainException or FormatException or UriFormatException or Akka.Configuration.ConfigurationException)
        {
            return Problem(400, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Problem(409, e.Message);
        }
    }

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    private IResult Cluster()
    {
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        var state = cluster.State;
        return Results.Json(new
        {
            self = cluster.SelfAddress.ToString(),
            leader = state.Leader?.ToString(),
            members = state.Members.Select(m => new { address = m.Address.ToString(), status = m.Status.ToString(), roles = m.Roles, reachable = !state.Unreachable.Contains(m) }),
        });
    }

    private async Task<IResult> ClusterAction(HttpRequest request, Action<Akka.Cluster.Cluster, Address> act, bool self)
    {
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        var text = request.Query["address"].ToString();
        if (text.Length == 0 && !self)
            return Problem(400, "say which node: ?address=akka.tcp://actorsync@host:port");
        var address = text.Length == 0 ? cluster.SelfAddress : Address.Parse(text);
        act(cluster, address);
        await Task.CompletedTask;
        return Results.Json(new { done = true, message = $"{address}: requested" });
    }

    private IResult DownUnreachable()
    {
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        var unreachable = cluster.State.Unreachable.Select(m => m.Address).ToList();
        unreachable.ForEach(cluster.Down);
        return Results.Json(new { done = true, affected = unreachable.Count, message = $"downed {unreachable.Count} unreachable member(s)" });
    }

    private Dictionary<string, IActorRef> Regions()
    {
        var regions = EntityTypes.All.ToDictionary(t => t, node.RegionFor);
        if (node.Sinks is { } sinks)
            regions[SinkEntity.TypeName] = sinks;
        return regions;
    }

    private IActorRef Region(string type) =>
        Regions().TryGetValue(type, out var region) ? region : throw new ArgumentException($"'{type}' is not a shard region ({string.Join(", ", Regions().Keys)})");

    private async Task<IResult> RegionStats(string type, CancellationToken ct)
    {
        var stats = await Region(type).Ask<ClusterShardingStats>(new GetClusterShardingStats(node.AskTimeout), node.AskTimeout, ct);
        var cluster = Akka.Cluster.Cluster.Get(node.System);
        // The local region's address has no host and port: shown as the node's own, so that every node names the same region alike.
        Address AddressOf(Address region) => region.HasLocalScope ? cluster.SelfAddress : region;
        // A node restarted on the same host and port is another incarnation: its uid tells them apart.
        // While a restarted node joins, its old incarnation may still be a member at the same address: the newest counts.
        var uids = cluster.State.Members.GroupBy(m => m.Address).ToDictionary(g => g.Key, g => g.Last().UniqueAddress.Uid);
        return Results.Json(new
        {
            type,
            regions = stats.Regions.Select(r => new
            {
                address = AddressOf(r.Key).ToString(),
                uid = r.Key.HasLocalScope ? cluster.SelfUniqueAddress.Uid : uids.TryGetValue(r.Key, out var uid) ? uid : (long?)null,
                shards = r.Value.Stats.Count,
                entities = r.Value.Stats.Values.Sum(),
                shardIds = r.Value.Stats.Keys.Order(StringComparer.Ordinal),
            }),
        });
    }

    private async Task<IResult> ShardStats(string type, CancellationToken ct)
    {
        var stats = await Region(type).Ask<ShardRegionStats>(GetShardRegionStats.Instance, node.AskTimeout, ct);
        return Results.Json(new { type, shards = stats.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new { shard = s.Key, entities = s.Value }) });
    }

    private async Task<IResult> Entity(string type, string id, IQueryCollection query, CancellationToken ct)
    {
        var eventsOnly = query.ContainsKey("events-only");
        var state = eventsOnly ? null : await node.GetStateAsync(type, id, ct);
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : eventsOnly ? int.MaxValue : RecentEvents;
        await using var journal = JournalReader.On(node);
        var events = new List<object>();
        await foreach (var record in journal.ReadAsync(new JournalQuery(PersistenceId: $"{type}|{id}"), ct))
            events.Add(new { sequenceNr = record.SequenceNr, writtenAt = record.WrittenAt, manifest = record.Manifest, summary = EventText.Of(record.Event) });
        if (events.Count == 0 && (state is null || state.SequenceNr == 0))
            return Problem(404, $"{type} {id} has no events");
        return Results.Json(new
        {
            type, id,
            sequenceNr = state?.SequenceNr,
            state = state is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonDocument.Parse(state.StateJson).RootElement,
            events = events.Skip(Math.Max(0, events.Count - limit)),
        });
    }

    /// <summary>Every sink's status, or those of one site and / or legal entity (<c>?site=…&amp;legal-entity=…</c>); behind and idle are of those shown.</summary>
    private async Task<IResult> Sinks(IQueryCollection query, CancellationToken ct)
    {
        var site = query["site"].ToString() is { Length: > 0 } s ? new SiteId(s) : (SiteId?)null;
        var legalEntity = LegalEntityIn(query);
        if (UnknownLegalEntity(legalEntity) is { } unknown)
            return unknown;
        if (site is { } known && node.Network.LegalEntityOf(known) is null)
            return Problem(404, $"{known} is not a site of the network");
        if (site is { } both && legalEntity is { } asked && node.Network.LegalEntityOf(both) != asked)
            return Problem(404, $"{both} is not a site of {asked}");
        var summary = await SinkProgress.SnapshotAsync(node, ct, k => (site is null || k.Site == site) && (legalEntity is null || k.LegalEntity == legalEntity));
        return Results.Json(new { sinks = summary.Sinks, behind = summary.Behind, idle = summary.Idle });
    }

    /// <summary>The posting as listed, and what it would write (lines, accounts, partner) in the same JSON as the journal keeps it.</summary>
    private async Task<IResult> Posting(HttpRequest request, CancellationToken ct) =>
        await SinkOperations.DetailAsync(node, Key(request), ct) is { Item: { } item, Posting: { } posting } detail
            ? Results.Json(new { entry = Json(new SinkPosting(detail.SinkId, item)), posting = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(posting, Actors.Serialization.ActorSyncSerializer.Options)) })
            : Problem(404, $"no sink holds posting {Key(request)}");

    private async Task<IResult> OnPosting(HttpRequest request, CancellationToken ct, Func<string, ISinkMessage> command)
    {
        var reply = await SinkOperations.OnPostingAsync(node, Key(request), command, ct);
        if (reply is null)
            return Problem(404, $"no sink holds posting {Key(request)} (delivered postings leave the outbox)");
        return Results.Json(new { done = reply.Done, affected = reply.Affected, message = reply.Message, sink = reply.SinkId }, statusCode: reply.Done ? 200 : 409);
    }

    private async Task<IResult> Reconcile(IQueryCollection query, CancellationToken ct)
    {
        var legalEntity = LegalEntityIn(query);
        if (UnknownLegalEntity(legalEntity) is { } unknown)
            return unknown;
        var from = Day(query["from"].ToString(), DateOnly.MinValue);
        var to = Day(query["to"].ToString(), DateOnly.MaxValue);
        var report = await ReconciliationService.RunAsync(node, new ReconciliationScope(legalEntity, from, to), ct);
        return Results.Json(report, Actors.Serialization.ActorSyncSerializer.Options);
    }

    /// <summary>
    /// Delivered postings of the scope sent through the cluster's sinks again (recorded as reposted by
    /// the operator); answers once they are confirmed again or <c>timeout</c> seconds (300) have passed.
    /// </summary>
    private async Task<IResult> Repost(IQueryCollection query, string by, CancellationToken ct)
    {
        if (RepostScope.TryParse(query["legal-entity"], query["from"], query["to"], query["kind"].Select(k => k ?? ""), out var scope) is { } problem)
            return Problem(400, problem);
        if (UnknownLegalEntity(scope!.LegalEntity) is { } unknown)
            return unknown;
        if (node.Sinks is null)
            return Problem(503, $"the posting sinks are not running on this node ({string.Join("; ", node.Warnings)})");
        var within = int.TryParse(query["timeout"], CultureInfo.InvariantCulture, out var t) && t > 0 ? PostingRepost.Bounded(TimeSpan.FromSeconds(t)) : TimeSpan.FromSeconds(300);
        var report = await PostingRepost.RunAsync(node, scope, by, within, null, ct);
        return Results.Json(report.Summary());
    }

    /// <summary>The source resource through the journal to its postings and Odoo records (a scan of the journal, like the offline trace).</summary>
    private async Task<IResult> Trace(ResourceRef resource, CancellationToken ct)
    {
        var trace = new SourceTrace(resource);
        await using var journal = JournalReader.On(node);
        await foreach (var record in journal.ReadAsync(JournalQuery.All, ct))
            trace.Add(record);
        var report = trace.Build();
        return report.Found ? Results.Json(report) : Problem(404, $"no event in the journal comes from {resource}");
    }

    private static LegalEntityId? LegalEntityIn(IQueryCollection query) =>
        query["legal-entity"].ToString() is { Length: > 0 } le ? new LegalEntityId(le) : null;

    /// <summary>A 404 for a legal entity the network does not have; null when none was asked for or it is known.</summary>
    private IResult? UnknownLegalEntity(LegalEntityId? legalEntity) =>
        legalEntity is { } id && !node.Network.LegalEntities.ContainsKey(id) ? Problem(404, $"{id} is not a legal entity of the network") : null;

    private static DateOnly Day(string text, DateOnly otherwise) =>
        text.Length == 0 ? otherwise : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static PostingKey Key(HttpRequest request) => new(request.RouteValues["key"]!.ToString()!);

    private static object Json(SinkPosting p) => new
    {
        sink = p.SinkId, key = p.Item.Key.Value, kind = p.Item.Kind, status = p.Item.Status.ToString(), amount = p.Item.Amount, currency = p.Item.Currency,
        queuedAt = p.Item.QueuedAt, cause = p.Item.Cause, message = p.Item.Message,
    };
}
