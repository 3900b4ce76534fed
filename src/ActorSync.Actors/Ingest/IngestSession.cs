using ActorSync.Domain.Invoices;
using ActorSync.Actors.InputExceptions;
using ActorSync.Actors.Telemetry;
using System.Text;
using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Domain.Common;
using ActorSync.Domain.InputExceptions;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSync.Actors.Ingest;

/// <summary>
/// Ingests batches of FHIR entries (a bundle, a chunk of NDJSON lines, one resource) from one
/// source into the entities. Per batch: map every entry (<see cref="BundleMapper"/>), check that
/// the source may write for the sites it names, then send each entity's commands in order while
/// different entities proceed in parallel (at most <c>parallelism</c> at once, so a slow journal
/// slows the sender instead of filling memory). Every answer comes after the entity persisted.
/// Invalid, forbidden and unmappable resources, and those an entity refuses, go to the input
/// exception queue with their payload and reason. Safe for concurrent batches of one source.
/// </summary>
public sealed class IngestSession(ActorSyncNode node, BundleMapper mapper, SourceId source, SiteResolution? sourceSite, SiteScope scope, int parallelism, TimeProvider clock)
{
    private readonly IMaterializer _materializer = node.System.Materializer();
    private readonly RecentKeys _recent = new(100_000);
    private readonly WaitingInputs _waiting = new(10_000);

    /// <summary>
    /// A session mapping with the node's network directory, what the source sent before (master
    /// data, the invoices its claims drafted; <see cref="SourceMemory"/>) and the pseudonym key
    /// kept beside the journal (or from the environment).
    /// </summary>
    public static async Task<IngestSession> StartAsync(ActorSyncNode node, SourceId source, SiteResolution? sourceSite, int parallelism, SiteScope? scope = null, TimeProvider? clock = null)
    {
        var directory = node.Network.Directory();
        var pseudonyms = PseudonymKeyFile.For(node.Storage);
        var (registry, invoices) = await SourceMemory.LoadAsync(node, source);
        var mapper = new BundleMapper(directory, directory, pseudonyms, new FhirResourceParser(), invoices, registry);
        return new IngestSession(node, mapper, source, sourceSite, scope ?? SiteScope.All, parallelism, clock ?? TimeProvider.System);
    }

    /// <summary>
    /// Ingests the entries. With <paramref name="allOrNothing"/> (a FHIR transaction) an invalid or
    /// forbidden entry stops the whole batch before anything is sent: those entries are parked and
    /// reported, the others are left alone.
    /// </summary>
    public async Task<IngestReport> IngestAsync(IReadOnlyList<BundleEntry> entries, bool allOrNothing = false, CancellationToken cancellationToken = default)
    {
        var context = new SourceContext(source, clock.GetUtcNow());
        Dictionary<string, string>? literals = null;
        IReadOnlyDictionary<string, string> Literals() => literals ??= BundleReferences.Literals(entries);
        var results = mapper.Map(entries, context, sourceSite);
        var outcomes = new EntryOutcome?[results.Count];
        for (var i = 0; i < results.Count; i++)
            outcomes[i] = Screen(results[i]) ?? RecentlyConfirmed(results[i]);

        // Results are in the entries' order; an entry's Index is its place in the source (an NDJSON line number), not in this batch.
        var failed = Enumerable.Range(0, results.Count).Where(i => outcomes[i]?.Verdict is IngestVerdict.Rejected or IngestVerdict.Forbidden).ToList();
        if (allOrNothing && failed.Count > 0)
        {
            foreach (var i in failed)
                await ParkAsync(entries[i], outcomes[i]!, context, Literals, cancellationToken);
            ActorSyncMetrics.Ingested(failed.Select(i => outcomes[i]!));
            return new IngestReport([.. failed.Select(i => outcomes[i]!)], Applied: false);
        }

        var replies = await SendAsync(results.Where((_, i) => outcomes[i] is null).ToList(), cancellationToken);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var sent = outcomes[i] is null;
            var outcome = outcomes[i] ?? Combine(result, replies.GetValueOrDefault(result.Index) ?? []);
            if (outcome.Verdict is IngestVerdict.Rejected or IngestVerdict.Forbidden or IngestVerdict.Parked)
            {
                var parked = await ParkAsync(entries[i], outcome, context, Literals, cancellationToken);
                if (outcome.Verdict == IngestVerdict.Parked && result.WaitingFor is { } awaited)
                    _waiting.Add(awaited, parked);
            }
            else if (sent && outcome.Verdict is IngestVerdict.Accepted or IngestVerdict.Duplicate && IdempotencyKey(result) is var (resource, key))
                _recent.Confirmed(resource, key);
            outcomes[i] = outcome;
        }
        ActorSyncMetrics.Ingested(outcomes.Select(o => o!));
        await RetryWaitingAsync(results, outcomes, cancellationToken);
        return new IngestReport([.. outcomes.Select(o => o!)], Applied: true);
    }

    /// <summary>Input parked because it named a claim or invoice not known yet goes again once that one is drafted.</summary>
    private async Task RetryWaitingAsync(IReadOnlyList<EntryResult> results, EntryOutcome?[] outcomes, CancellationToken ct)
    {
        for (var i = 0; i < results.Count; i++)
        {
            if (outcomes[i]?.Verdict is not (IngestVerdict.Accepted or IngestVerdict.Duplicate) || !results[i].Commands.OfType<DraftInvoice>().Any())
                continue;
            foreach (var input in _waiting.Release($"{results[i].ResourceType}/{results[i].Id}"))
                await InputQueue.RetryAsync(node, () => Task.FromResult(this), input, "actorsync (what it waited for arrived)", ct);
        }
    }

    /// <summary>The verdict known before sending anything; null when the commands must go to the entities.</summary>
    private EntryOutcome? Screen(EntryResult result)
    {
        EntryOutcome Verdict(IngestVerdict verdict, string? reason) => new(result.Index, result.ResourceType, result.Id, verdict, reason, result.Issues);
        return result.Kind switch
        {
            EntryKind.Ignored => Verdict(IngestVerdict.Ignored, result.Reason),
            EntryKind.Rejected => Verdict(IngestVerdict.Rejected, result.Issues.Count > 0 ? string.Join("; ", result.Issues.Select(i => i.Message)) : result.Reason),
            EntryKind.Parked => Verdict(IngestVerdict.Parked, result.Reason),
            _ when scope.Outside(result.Commands) is { } site => Verdict(IngestVerdict.Forbidden, $"source {source} may not write for site {site}"),
            _ => null,
        };
    }

    /// <summary>An exact resend of a resource the entities confirmed a moment ago: a duplicate, without asking them again.</summary>
    private EntryOutcome? RecentlyConfirmed(EntryResult result) =>
        IdempotencyKey(result) is var (resource, key) && _recent.IsLatest(resource, key)
            ? new EntryOutcome(result.Index, result.ResourceType, result.Id, IngestVerdict.Duplicate, null, [])
            : null;

    /// <summary>The resource (source, type, id) and its idempotency key (version and content fingerprint; all its commands carry the same).</summary>
    private static (string Resource, string Key)? IdempotencyKey(EntryResult result) =>
        result.Commands.FirstOrDefault()?.Stamp is { } s ? ($"{s.Source}|{s.ResourceType}/{s.ResourceId}", $"{s.Version}|{s.Fingerprint}") : null;

    /// <summary>One resource's answers: a refusal parks it; else any change counts as accepted; else older or repeated.</summary>
    private static EntryOutcome Combine(EntryResult result, IReadOnlyList<CommandReply> replies)
    {
        var (verdict, reason) = replies.FirstOrDefault(r => r.Outcome == Outcome.Rejected) is { } refused ? (IngestVerdict.Parked, refused.Reason)
            : replies.Count == 0 || replies.Any(r => r.Outcome == Outcome.Accepted) ? (IngestVerdict.Accepted, null)
            : replies.Any(r => r.Outcome == Outcome.OutOfOrder) ? (IngestVerdict.OutOfOrder, "a newer version was applied already")
            : (IngestVerdict.Duplicate, null);
        return new EntryOutcome(result.Index, result.ResourceType, result.Id, verdict, reason, []);
    }

    private async Task<Dictionary<int, List<CommandReply>>> SendAsync(IReadOnlyList<EntryResult> results, CancellationToken ct)
    {
        // Commands of one entity stay in bundle order; entities run in parallel.
        var perEntity = results
            .SelectMany(r => r.Commands.Select(c => (Entry: r.Index, Command: c)))
            .GroupBy(x => (Region: node.RegionFor(x.Command).Path.Name, Entity: EntityKey(x.Command)))
            .Select(g => g.ToList())
            .ToList();
        if (perEntity.Count == 0)
            return [];
        var replies = await Source.From(perEntity)
            .SelectAsync(parallelism, async commands =>
            {
                // One entity's commands go as one batch: decided in order, one journal write.
                var replies = await node.SendAsync([.. commands.Select(c => c.Command)], ct);
                return commands.Select((c, i) => (c.Entry, replies[i])).ToList();
            })
            .RunAggregate(new List<(int Entry, CommandReply Reply)>(), (all, batch) => { all.AddRange(batch); return all; }, _materializer);
        return replies.GroupBy(r => r.Entry).ToDictionary(g => g.Key, g => g.Select(r => r.Reply).ToList());
    }

    private static string EntityKey(ICommand command) =>
        Encounters.EncounterEntity.RoutingKey(command) ?? Invoices.InvoiceEntity.RoutingKey(command) ?? Items.ItemEntity.RoutingKey(command)
        ?? LegalEntities.LegalEntityEntity.RoutingKey(command) ?? InputExceptions.InputExceptionEntity.RoutingKey(command)
        ?? MasterData.MasterDataEntity.RoutingKey(command)
        ?? throw new ArgumentException($"{command.GetType().Name} has no entity", nameof(command));

    /// <summary>
    /// Into the input exception queue, with the payload's references to other entries of its Bundle
    /// made literal: a retry sends it on its own, where a <c>urn:uuid:</c> would resolve to nothing.
    /// </summary>
    private async Task<InputExceptionKey> ParkAsync(BundleEntry entry, EntryOutcome outcome, SourceContext context, Func<IReadOnlyDictionary<string, string>> literals, CancellationToken ct)
    {
        var bytes = entry.Resource ?? [];
        try
        {
            bytes = BundleReferences.MakeLiteral(bytes, literals());
        }
        catch (System.Text.Json.JsonException)
        {
            // Not well-formed JSON (a rejected entry): kept as it came.
        }
        var payload = Encoding.UTF8.GetString(bytes);
        var fingerprint = SourceStamps.Fingerprint(bytes);
        var reason = outcome.Reason ?? "unknown";
        var key = new InputExceptionKey(context.Source, outcome.ResourceType ?? "Unknown", outcome.Id ?? fingerprint);
        var problem = outcome.Verdict == IngestVerdict.Parked ? InputProblem.Unmappable : InputProblem.Invalid;
        // The same payload parked for the same reason is a duplicate entry in the queue.
        var stamp = new SourceStamp(context.Source, key.ResourceType, key.ResourceId, 0, fingerprint + SourceStamps.Fingerprint(Encoding.UTF8.GetBytes(reason)), context.ReceivedAt);
        await node.SendAsync(new ParkInput(key, problem, reason, payload, stamp), ct);
        return key;
    }
}
