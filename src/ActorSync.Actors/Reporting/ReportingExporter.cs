using ActorSync.Actors.Configuration;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Reporting;
using Akka.Actor;
using Akka.Event;

namespace ActorSync.Actors.Reporting;

/// <summary>
/// The reporting workflow, in batch: one exporter per cluster (a singleton) that, on its schedule,
/// reconciles the last days (up to yesterday, UTC) and writes the report as CSV files. It reads
/// the sinks' journals and Odoo through a connection of its own, so it never competes with the
/// sinks' outboxes or their Odoo connections. A run that fails (Odoo away, the folder not
/// writable) is tried again every five minutes until one succeeds; the schedule then goes on.
/// </summary>
public sealed class ReportingExporter : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ReportingExporter(ReportingSettings settings, Func<ReconciliationScope, CancellationToken, Task<ReconciliationReport>> reconcile, TimeProvider time)
    {
        Receive<Run>(_ =>
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var scope = new ReconciliationScope(null, today.AddDays(-settings.Days), today.AddDays(-1));
            Task.Run(() => ExportAsync(settings, scope, reconcile)).PipeTo(Self);
        });
        Receive<Exported>(done =>
        {
            _log.Info("Reporting export: {0} row(s), {1} difference(s) ({2} unexplained) for {3}..{4} in {5}",
                done.Rows, done.Differences, done.Unexplained, done.Scope.From, done.Scope.To, done.File);
            Schedule(settings, time);
        });
        Receive<Status.Failure>(failed =>
        {
            _log.Warning("Reporting export failed ({0}); trying again in {1}", failed.Cause.Message, RetryAfter);
            Timers.StartSingleTimer("run", Run.Instance, RetryAfter);
        });
        Schedule(settings, time);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ReportingSettings settings, Func<ReconciliationScope, CancellationToken, Task<ReconciliationReport>> reconcile, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new ReportingExporter(settings, reconcile, time));

    private void Schedule(ReportingSettings settings, TimeProvider time)
    {
        var now = time.GetUtcNow();
        Timers.StartSingleTimer("run", Run.Instance, settings.Schedule.NextRun(now) - now);
    }

    /// <summary>Writes <c>reconciliation-&lt;to&gt;.csv</c> and <c>differences-&lt;to&gt;.csv</c>, each whole or not at all.</summary>
    private static async Task<Exported> ExportAsync(ReportingSettings settings, ReconciliationScope scope, Func<ReconciliationScope, CancellationToken, Task<ReconciliationReport>> reconcile)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var report = await reconcile(scope, limit.Token).ConfigureAwait(false);
        Directory.CreateDirectory(settings.Directory);
        var day = scope.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rows = Path.GetFullPath(Path.Combine(settings.Directory, $"reconciliation-{day}.csv"));
        await WriteWholeAsync(rows, ReconciliationCsv.Rows(report)).ConfigureAwait(false);
        await WriteWholeAsync(Path.Combine(settings.Directory, $"differences-{day}.csv"), ReconciliationCsv.Differences(report)).ConfigureAwait(false);
        return new Exported(scope, report.Rows.Count, report.Differences.Count, report.Unexplained, rows);
    }

    private static async Task WriteWholeAsync(string path, string text)
    {
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, text).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
    }

    private sealed record Exported(ReconciliationScope Scope, int Rows, int Differences, int Unexplained, string File);

    private sealed class Run
    {
        public static readonly Run Instance = new();
    }
}
