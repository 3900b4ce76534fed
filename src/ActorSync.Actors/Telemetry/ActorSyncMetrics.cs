using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ActorSync.Actors.Ingest;
using ActorSync.Actors.Sinks;

namespace ActorSync.Actors.Telemetry;

/// <summary>
/// The node's instruments (meter <c>ActorSync</c>), exported as Prometheus metrics by the management
/// API: resources ingested by verdict and type (rate, duplicates, rejections by reason), journal
/// write latency, live entities per type, and the sinks' queues (depth, lag, held back, awaiting
/// approval, parked) as last observed.
/// </summary>
public static class ActorSyncMetrics
{
    public const string MeterName = "ActorSync";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Resources = Meter.CreateCounter<long>("actorsync.ingest.resources", description: "FHIR resources ingested, by verdict and resource type");
    private static readonly Histogram<double> JournalWrites = Meter.CreateHistogram<double>("actorsync.journal.write.duration", "s", "One entity's events written to the journal (group commit included)");
    private static readonly UpDownCounter<long> Entities = Meter.CreateUpDownCounter<long>("actorsync.entities.active", description: "Entities running on this node, by type");
    private static readonly ConcurrentDictionary<string, SinkStatus> Sinks = new(StringComparer.Ordinal);

    static ActorSyncMetrics()
    {
        Meter.CreateObservableGauge("actorsync.sink.pending", () => Each(s => s.Pending), description: "Postings in a sink's outbox waiting to go to Odoo");
        Meter.CreateObservableGauge("actorsync.sink.held_back", () => Each(s => s.HeldBack), description: "Pending postings behind a staged or parked one they depend on");
        Meter.CreateObservableGauge("actorsync.sink.awaiting_approval", () => Each(s => s.AwaitingApproval), description: "Postings staged for a finance approver");
        Meter.CreateObservableGauge("actorsync.sink.parked", () => Each(s => s.Parked), description: "Postings in the exception queue");
        Meter.CreateObservableGauge("actorsync.sink.delivered", () => Each(s => (int)Math.Min(int.MaxValue, s.Delivered)), description: "Postings Odoo confirmed since the sink began");
        Meter.CreateObservableGauge("actorsync.sink.lag", () => Sinks.Values.Select(s => new Measurement<double>(
            s.OldestWaiting is { } oldest ? Math.Max(0, (DateTimeOffset.UtcNow - oldest).TotalSeconds) : 0, new KeyValuePair<string, object?>("sink", s.SinkId))), "s",
            "Age of the oldest posting waiting in a sink's outbox");
    }

    public static void Ingested(IEnumerable<EntryOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
            Resources.Add(1, new("verdict", Verdict(outcome.Verdict)), new("type", outcome.ResourceType ?? "unknown"), new("reason", Reason(outcome.Verdict)));
    }

    public static void JournalWritten(TimeSpan took) => JournalWrites.Record(took.TotalSeconds);

    public static void EntityStarted(string type) => Entities.Add(1, new KeyValuePair<string, object?>("type", type));

    public static void EntityStopped(string type) => Entities.Add(-1, new KeyValuePair<string, object?>("type", type));

    /// <summary>The sinks' last observed statuses (the management API polls them).</summary>
    public static void Observed(IEnumerable<SinkStatus> statuses)
    {
        foreach (var status in statuses)
            Sinks[status.SinkId] = status;
    }

    private static IEnumerable<Measurement<int>> Each(Func<SinkStatus, int> value) =>
        Sinks.Values.Select(s => new Measurement<int>(value(s), new KeyValuePair<string, object?>("sink", s.SinkId)));

    private static string Verdict(IngestVerdict verdict) => verdict switch
    {
        IngestVerdict.OutOfOrder => "out-of-order",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    /// <summary>Why a resource went to the exception queue, as a label (the full reason is in the queue, not in metrics).</summary>
    private static string Reason(IngestVerdict verdict) => verdict switch
    {
        IngestVerdict.Rejected => "invalid-fhir",
        IngestVerdict.Forbidden => "outside-site-scope",
        IngestVerdict.Parked => "not-mappable",
        _ => "",
    };
}
