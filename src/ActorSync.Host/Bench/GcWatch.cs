namespace ActorSync.Host.Bench;

/// <summary>
/// Garbage collections while a phase runs: how many per generation, the time paused in all, and the
/// longest single pause (sampled every few ms from the runtime's last-GC record, so a collection that
/// follows another within that time may go unseen) — to tell GC pauses from other waits in a p99.
/// </summary>
internal sealed class GcWatch : IDisposable
{
    private readonly int[] _counts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private TimeSpan _longest;
    private int _longestGeneration;

    private GcWatch() => _sampling = Task.Run(SampleAsync);

    public static GcWatch Start() => new();

    private async Task SampleAsync()
    {
        var seen = GC.GetGCMemoryInfo(GCKind.Any).Index;
        while (!_stop.IsCancellationRequested)
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index != seen)
            {
                seen = info.Index;
                var pause = TimeSpan.Zero;
                foreach (var part in info.PauseDurations)
                    pause += part;
                if (pause > _longest)
                    (_longest, _longestGeneration) = (pause, info.Generation);
            }
            try
            {
                await Task.Delay(2, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Stops sampling (so the longest pause is read after its last write) and describes the phase.</summary>
    public string Report()
    {
        Stop();
        return $"{GC.CollectionCount(0) - _counts[0]} gen0, {GC.CollectionCount(1) - _counts[1]} gen1, {GC.CollectionCount(2) - _counts[2]} gen2; " +
        $"paused {(GC.GetTotalPauseDuration() - _paused).TotalMilliseconds:N0} ms in all, longest pause seen {_longest.TotalMilliseconds:N0} ms (gen{_longestGeneration})";
    }

    private void Stop()
    {
        if (!_stop.IsCancellationRequested)
            _stop.Cancel();
        _sampling.Wait();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }
}
