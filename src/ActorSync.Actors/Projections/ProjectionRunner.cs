using ActorSync.Actors.Configuration;
using ActorSync.Actors.Replay;
using Akka.Actor;
using Akka.Event;

namespace ActorSync.Actors.Projections;

/// <summary>
/// Keeps the <c>postings</c> projection current inside a running cluster: one runner (a cluster
/// singleton, so one node at a time) brings it up to the journal from its stored offsets every
/// interval. A run that fails (the database away) is logged and the next tick tries again; the
/// offsets make every run resume where the last one committed.
/// </summary>
public sealed class ProjectionRunner : ReceiveActor, IWithTimers
{
    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _running;

    public ProjectionRunner(StorageSettings storage, NetworkSettings network, TimeSpan interval)
    {
        var system = Context.System;
        Receive<Tick>(_ =>
        {
            if (_running)
                return;
            _running = true;
            // Off the actor's dispatcher: SQLite's driver does its I/O synchronously, even when asked async.
            Task.Run(() => RunAsync(system, storage, network)).PipeTo(Self);
        });
        Receive<ProjectionRun>(run =>
        {
            _running = false;
            if (run.EventsRead > 0)
                _log.Debug("projection {0}: {1} events read, {2} rows written", run.Projection, run.EventsRead, run.RowsWritten);
        });
        Receive<Status.Failure>(failure =>
        {
            _running = false;
            _log.Warning("projection {0} did not run: {1}", PostingsProjection.Name, failure.Cause.Message);
        });
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.Zero, interval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private static async Task<ProjectionRun> RunAsync(ActorSystem system, StorageSettings storage, NetworkSettings network)
    {
        await using var journal = JournalReader.On(system, storage, network);
        return await PostingsProjection.RunAsync(journal, rebuild: false, null, CancellationToken.None);
    }

    public static Props Props(StorageSettings storage, NetworkSettings network, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new ProjectionRunner(storage, network, interval));
}
