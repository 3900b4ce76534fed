using System.Diagnostics.Metrics;

namespace ActorSync.Odoo.Resilience;

/// <summary>
/// The connector's instruments (meter <c>ActorSync.Odoo</c>): call latency per model and method
/// (retries included), errors by class and Odoo's exception name, retries. Exported as Prometheus
/// metrics by the management API.
/// </summary>
public static class OdooMetrics
{
    public const string MeterName = "ActorSync.Odoo";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("actorsync.odoo.call.duration", "s", "Odoo calls, from first attempt to answer or failure");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("actorsync.odoo.errors", description: "Odoo calls that failed, by class (transient, permanent) and Odoo's exception name");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("actorsync.odoo.retries", description: "Attempts repeated after a transient failure");

    internal static void Called(string call, TimeSpan took, bool ok) =>
        Duration.Record(took.TotalSeconds, new("call", call), new("outcome", ok ? "ok" : "error"));

    internal static void Failed(bool transient, string name) =>
        Errors.Add(1, new("class", transient ? "transient" : "permanent"), new("name", name));

    internal static void Retried() => Retries.Add(1);
}
