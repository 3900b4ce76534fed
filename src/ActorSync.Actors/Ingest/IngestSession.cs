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
/// Ingests batches of FHIR entries (a bundle, a chunk of NDJSON lines) from one source into the
/// entities. Per batch: map every entry (<see cref="BundleMapper"/>), then send each entity's
/// commands in order while different entities proceed in parallel (at most
/// <c>parallelism</c> at once, so a slow journal slows the sender instead of filling memory).
/// Every answer comes after the entity persisted. Invalid and unmappable resources, and those an
/// entity refuses, go to the input exception queue with their payload and reason.
/// </summary>
public sealed class IngestSession(ActorSyncNode node, BundleMapper mapper, SourceContext context, SiteResolution? sourceSite, int parallelism)
{
    private readonly IMaterializer _materializer = node.System.Materializer();

    /// <summary>
    /// A session mapping with the node's network directory and the pseudonym key kept beside its
    /// journal (or from the environment), remembering claims across the session's batches.
    /// </summary>
    public static IngestSession Start(ActorSyncNode node, SourceContext context, SiteResolution? sourceSite, int parallelism)
    {
        var directory = node.Network.Directory();
        var pseudonyms = PseudonymKeyFile.Load(node.Storage.SqliteFile is { } file ? Path.GetDirectoryName(file) : null);
        var mapper = new BundleMapper(directory, directory, pseudonyms, new FhirResourceParser(), new ReferenceMemory());
        return new IngestSession(node, mapper, context, sourceSite, parallelism);
    }

    public async Task<IngestCounts> IngestAsync(IReadOnlyList<BundleEntry> entries, CancellationToken cancellationToken = default)
    {
        var results = mapper.Map(entries, context, sourceSite);
        var outcomes = await SendAsync(results, cancellationToken);
        var counts = IngestCounts.Zero;
        foreach (var result in results)
        {
            var (kind, reason) = result.Kind switch
            {
                EntryKind.Ignored => ("ignored", null),
                EntryKind.Rejected => ("rejected", result.Issues.Count > 0 ? string.Join("; ", result.Issues.Select(i => i.Message)) : result.Reason),
                EntryKind.Parked => ("parked", result.Reason),
                _ => Combine(outcomes.GetValueOrDefault(result.Index) ?? []),
            };
            if (kind is "rejected" or "parked")
                await ParkAsync(entries[result.Index], result, kind == "rejected" ? InputProblem.Invalid : InputProblem.Unmappable, reason ?? "unknown", cancellationToken);
            counts += kind switch
            {
                "accepted" => IngestCounts.Zero with { Accepted = 1 },
                "duplicate" => IngestCounts.Zero with { Duplicates = 1 },
                "out-of-order" => IngestCounts.Zero with { OutOfOrder = 1 },
                "rejected" => IngestCounts.Zero with { Rejected = 1 },
                "parked" => IngestCounts.Zero with { Parked = 1 },
                _ => IngestCounts.Zero with { Ignored = 1 },
            };
        }
        return counts;
    }

    /// <summary>One resource's answers: a refusal parks it; else any change counts as accepted; else older or repeated.</summary>
    private static (string Kind, string? Reason) Combine(IReadOnlyList<CommandReply> replies) =>
        replies.FirstOrDefault(r => r.Outcome == Outcome.Rejected) is { } refused ? ("parked", refused.Reason)
        : replies.Count == 0 || replies.Any(r => r.Outcome == Outcome.Accepted) ? ("accepted", null)
        : replies.Any(r => r.Outcome == Outcome.OutOfOrder) ? ("out-of-order", null)
        : ("duplicate", null);

    private async Task<Dictionary<int, List<CommandReply>>> SendAsync(IReadOnlyList<EntryResult> results, CancellationToken ct)
    {
        // Commands of one entity stay in bundle order; entities run in parallel.
        var perEntity = results
            .SelectMany(r => r.Commands.Select(c => (Entry: r.Index, Command: c)))
            .GroupBy(x => (Region: node.RegionFor(x.Command).Path.Name, Entity: EntityKey(x.Command)))
            .Select(g => g.ToList())
            .ToList();
        var replies = await Source.From(perEntity)
            .SelectAsync(parallelism, async commands =>
            {
                var answered = new List<(int Entry, CommandReply Reply)>(commands.Count);
                foreach (var (entry, command) in commands)
                    answered.Add((entry, await node.SendAsync(command, ct)));
                return answered;
            })
            .RunAggregate(new List<(int Entry, CommandReply Reply)>(), (all, batch) => { all.AddRange(batch); return all; }, _materializer);
        return replies.GroupBy(r => r.Entry).ToDictionary(g => g.Key, g => g.Select(r => r.Reply).ToList());
    }

    private static string EntityKey(ICommand command) =>
        Encounters.EncounterEntity.RoutingKey(command) ?? Invoices.InvoiceEntity.RoutingKey(command) ?? Items.ItemEntity.RoutingKey(command)
        ?? LegalEntities.LegalEntityEntity.RoutingKey(command) ?? InputExceptions.InputExceptionEntity.RoutingKey(command)
        ?? throw new ArgumentException($"{command.GetType().Name} has no entity", nameof(command));

    private async Task ParkAsync(BundleEntry entry, EntryResult result, InputProblem problem, string reason, CancellationToken ct)
    {
        var payload = entry.Resource is null ? "" : Encoding.UTF8.GetString(entry.Resource);
        var fingerprint = SourceStamps.Fingerprint(entry.Resource ?? []);
        var key = new InputExceptionKey(context.Source, result.ResourceType ?? "Unknown", result.Id ?? fingerprint);
        // The same payload parked for the same reason is a duplicate entry in the queue.
        var stamp = new SourceStamp(context.Source, key.ResourceType, key.ResourceId, 0, fingerprint + SourceStamps.Fingerprint(Encoding.UTF8.GetBytes(reason)), context.ReceivedAt);
        await node.SendAsync(new ParkInput(key, problem, reason, payload, stamp), ct);
    }
}
