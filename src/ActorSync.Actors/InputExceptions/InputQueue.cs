using System.Text;
using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Domain.Common;
using ActorSync.Domain.InputExceptions;
using ActorSync.Fhir.Parsing;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;

namespace ActorSync.Actors.InputExceptions;

/// <summary>One entry of the input exception queue as operators list it (without its payload).</summary>
public sealed record InputQueueEntry(string Key, InputProblem Problem, string Reason, int TimesParked, DateTimeOffset ParkedAt, InputClosure? Closed);

/// <summary>What an operator's retry or discard came to; <see cref="Known"/> is false when the queue never held the input.</summary>
public sealed record InputQueueAnswer(bool Done, string Message, bool Known = true);

/// <summary>
/// The input exception queue for operators: listed from the journal's exceptions stream, retried
/// through the source's ingest session (the same mapping, checks and entities as new input) and
/// discarded with a reason. Each entry stays an entity of its own; this only reads and commands them.
/// </summary>
public static class InputQueue
{
    public static async Task<IReadOnlyList<InputQueueEntry>> ListAsync(ActorSyncNode node, bool includeClosed)
    {
        var entries = new Dictionary<string, InputQueueEntry>(StringComparer.Ordinal);
        await PersistenceQuery.Get(node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentEventsByTag(EventTags.Exceptions, Offset.NoOffset())
            .RunForeach(envelope => Fold(entries, envelope.Event), node.System.Materializer());
        return [.. entries.Values.Where(e => includeClosed || e.Closed is null).OrderBy(e => e.ParkedAt)];
    }

    /// <summary>The latest of each entry, without payloads: a listing must not hold every payload ever parked.</summary>
    private static void Fold(Dictionary<string, InputQueueEntry> entries, object @event)
    {
        var key = (@event as IInputExceptionEvent) switch
        {
            InputParked e => e.Key.ToString(),
            InputResolved e => e.Key.ToString(),
            InputDiscarded e => e.Key.ToString(),
            _ => null,
        };
        if (key is null)
            return;
        entries.TryGetValue(key, out var entry);
        entries[key] = @event switch
        {
            InputParked e => new InputQueueEntry(key, e.Problem, e.Reason, (entry?.TimesParked ?? 0) + 1, e.Stamp.ReceivedAt, null),
            InputResolved e when entry is not null => entry with { Closed = new InputClosure(true, e.By, e.Outcome, e.At) },
            InputDiscarded e when entry is not null => entry with { Closed = new InputClosure(false, e.By, e.Reason, e.At) },
            _ => entry!,
        };
    }

    public static async Task<InputExceptionState> StateAsync(ActorSyncNode node, InputExceptionKey key, CancellationToken ct) =>
        (await node.GetStateAsync(EntityTypes.InputException, key.ToString(), ct)).StateAs<InputExceptionState>();

    /// <summary>
    /// Sends the parked payload through the source's session again (after the missing claim, site or
    /// product arrived); when the entities take it, the entry is closed as resolved. Otherwise it
    /// stays parked, with the reason of this attempt. The session is asked for only when there is
    /// something to send (starting one reads the source's history).
    /// </summary>
    public static async Task<InputQueueAnswer> RetryAsync(ActorSyncNode node, Func<Task<IngestSession>> session, InputExceptionKey key, string by, CancellationToken ct)
    {
        var state = await StateAsync(node, key, ct);
        if (state.Key is null)
            return Unknown(key);
        if (!state.IsOpen)
            return new(false, $"{key} is no longer parked");
        if (string.IsNullOrEmpty(state.Payload))
            return new(false, $"{key} has nothing to send again ({state.Reason}); discard it once reviewed");
        var report = await (await session()).IngestAsync([new BundleEntry(0, null, Encoding.UTF8.GetBytes(state.Payload), null, null)], cancellationToken: ct);
        var outcome = report.Outcomes[0];
        if (outcome.Verdict is not (IngestVerdict.Accepted or IngestVerdict.Duplicate or IngestVerdict.OutOfOrder))
            return new(false, $"{key} is still parked: {outcome.Reason}");
        var verdict = outcome.Verdict.ToString().ToLowerInvariant();
        var reply = await node.SendAsync(new ResolveInput(key, by, $"retried: {verdict}", OperatorStamp(key)), ct);
        return reply.Outcome == Outcome.Accepted ? new(true, $"{key}: {verdict}, out of the queue") : new(false, reply.Reason ?? "refused");
    }

    public static async Task<InputQueueAnswer> DiscardAsync(ActorSyncNode node, InputExceptionKey key, string by, string reason, CancellationToken ct)
    {
        if ((await StateAsync(node, key, ct)).Key is null)
            return Unknown(key);
        var reply = await node.SendAsync(new DiscardInput(key, by, reason, OperatorStamp(key)), ct);
        return reply.Outcome == Outcome.Accepted ? new(true, $"{key} discarded: {reason}") : new(false, reply.Reason ?? "refused");
    }

    private static InputQueueAnswer Unknown(InputExceptionKey key) => new(false, $"{key} is not in the input exception queue", Known: false);

    /// <summary>An operator's command is never a repeat of a source's version: a stamp of its own, newer each time.</summary>
    private static SourceStamp OperatorStamp(InputExceptionKey key)
    {
        var now = DateTimeOffset.UtcNow;
        return new SourceStamp(new SourceId("operator"), "InputException", key.ToString(), now.UtcTicks, Guid.NewGuid().ToString("N"), now);
    }
}
