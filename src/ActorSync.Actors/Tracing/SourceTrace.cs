using ActorSync.Actors.Entities;
using ActorSync.Actors.Replay;
using ActorSync.Actors.Serialization;
using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using ActorSync.Odoo.Postings;

namespace ActorSync.Actors.Tracing;

/// <summary>
/// Traces one source resource through the journal, read once in offset order (<see cref="Add"/>
/// every record, then <see cref="Build"/>). Pure: no Akka, no I/O.
/// <list type="number">
/// <item>Events: those whose source stamp names the resource; their entities are the ones it changed.</item>
/// <item>Entities that post: the invoices and items it changed; when it changed none (an Encounter),
/// the invoices drafted for the encounters it changed.</item>
/// <item>Postings: a sink queues the postings of an event under that event's offset
/// (<see cref="PostingsQueued.Offset"/>), so each event of those entities in a sink's stream is
/// matched to exactly the postings derived from it; master data the sink queues itself is left out.</item>
/// <item>Progress: the sink's later events for each posting key (summarized, delivered with the Odoo
/// model and id, parked, approved, …).</item>
/// </list>
/// It keeps, while reading, every event of a sink stream and every queued posting's progress: memory
/// grows with the journal's postings, not with all its events.
/// </summary>
public sealed class SourceTrace(ResourceRef resource)
{
    private readonly List<TracedEvent> _events = [];
    private readonly List<string> _touched = [];
    private readonly Dictionary<string, List<string>> _invoicesByEncounter = new(StringComparer.Ordinal);
    private readonly Dictionary<long, TracedEvent> _streamEvents = [];
    private readonly Dictionary<long, List<Posting>> _queuedFor = [];
    private readonly Dictionary<string, PostingProgress> _progress = new(StringComparer.Ordinal);

    /// <summary>Records read so far.</summary>
    public long Scanned { get; private set; }

    public void Add(JournalRecord record)
    {
        Scanned++;
        switch (record.Event)
        {
            case IEvent e:
                if (resource.Matches(e.Stamp))
                {
                    _events.Add(Traced(record, e.Stamp));
                    if (!_touched.Contains(record.PersistenceId))
                        _touched.Add(record.PersistenceId);
                }
                if (e is InvoiceDrafted { Encounter: { } encounter })
                    Remember(_invoicesByEncounter, $"{EntityTypes.Encounter}|{encounter}", record.PersistenceId);
                if (record.Tags.Any(EventTags.IsSinkStream))
                    _streamEvents[record.Offset] = Traced(record, e.Stamp);
                break;
            case ISinkEvent e:
                Follow(record.EntityId, e);
                break;
        }
    }

    public SourceTraceReport Build()
    {
        var posting = _touched.Where(p => p.StartsWith(EntityTypes.Invoice + "|", StringComparison.Ordinal) || p.StartsWith(EntityTypes.Item + "|", StringComparison.Ordinal)).ToList();
        if (posting.Count == 0)
            posting = [.. _touched.SelectMany(p => _invoicesByEncounter.GetValueOrDefault(p) ?? []).Distinct()];
        var postings = new List<TracedPosting>();
        var notQueued = new List<TracedEvent>();
        foreach (var cause in _streamEvents.Values.Where(e => posting.Contains(e.PersistenceId)).OrderBy(e => e.Offset))
        {
            if (_queuedFor.TryGetValue(cause.Offset, out var derived))
                postings.AddRange(derived.Select(p => Row(p, cause)));
            else
                notQueued.Add(cause);
        }
        return new SourceTraceReport(resource.ToString(), _events, [.. _touched.Union(posting)], postings, notQueued);
    }

    private void Follow(string sink, ISinkEvent e)
    {
        switch (e)
        {
            case PostingsQueued queued:
                foreach (var p in queued.Postings.Where(p => !SinkOutbox.IsMasterData(p.Posting)))
                {
                    // A posting derived again (after a crash) is queued once: the first time counts.
                    if (_progress.TryAdd(p.Posting.Key.Value, PostingProgress.Queued(sink, p.NeedsApproval, queued.At)))
                        Remember(_queuedFor, queued.Offset, p.Posting);
                }
                break;
            case PostingsSummarized summarized:
                foreach (var invoice in summarized.Invoices)
                    Update(invoice, e);
                _progress.TryAdd(summarized.Summary.Key.Value, PostingProgress.Queued(sink, summarized.NeedsApproval, summarized.At));
                break;
            case PostingsDelivered delivered:
                foreach (var p in delivered.Postings)
                    Update(p.Key, e);
                break;
            case PostingParked x: Update(x.Key, e); break;
            case PostingApproved x: Update(x.Key, e); break;
            case PostingRejected x: Update(x.Key, e); break;
            case PostingRetried x: Update(x.Key, e); break;
            case PostingDiscarded x: Update(x.Key, e); break;
            case PostingsReposted reposted:
                foreach (var p in reposted.Postings)
                    Update(p.Key, e);
                break;
        }
    }

    private void Update(PostingKey key, ISinkEvent e)
    {
        if (_progress.TryGetValue(key.Value, out var progress))
            _progress[key.Value] = progress.After(key.Value, e);
    }

    private TracedPosting Row(Posting posting, TracedEvent cause)
    {
        var progress = _progress[posting.Key.Value];
        // A summarized invoice is in Odoo as (part of) its summary entry: that entry's record is the answer.
        var inOdoo = progress.SummarizedInto is { } summary && _progress.TryGetValue(summary, out var entry) ? entry : progress;
        var manifest = Manifests.ByType[posting.GetType()];
        return new TracedPosting(
            posting.Key.Value, manifest[..manifest.LastIndexOf('.')], progress.Sink,
            $"{cause.PersistenceId}#{cause.SequenceNr}", cause.Event, cause.Resource, progress.QueuedAt,
            progress.Status, progress.SummarizedInto, progress.SummarizedInto is null ? null : inOdoo.Status,
            ExternalIds.FullNameOf(inOdoo == progress ? posting.Key : new PostingKey(progress.SummarizedInto!)),
            inOdoo.Delivery?.Model, inOdoo.Delivery?.OdooId, inOdoo.Delivery?.AlreadyInOdoo, inOdoo.DeliveredAt, progress.Problem ?? inOdoo.Problem);
    }

    private static TracedEvent Traced(JournalRecord record, SourceStamp stamp) => new(
        record.Offset, record.PersistenceId, record.SequenceNr, record.WrittenAt, record.Manifest, stamp.Source.Value,
        $"{stamp.ResourceType}/{stamp.ResourceId}", stamp.Version, stamp.ReceivedAt);

    private static void Remember<TKey, TValue>(Dictionary<TKey, List<TValue>> lists, TKey key, TValue value)
        where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list))
            lists[key] = list = [];
        if (!list.Contains(value))
            list.Add(value);
    }
}
