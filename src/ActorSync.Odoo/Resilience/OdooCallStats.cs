namespace ActorSync.Odoo.Resilience;

/// <summary>Counters of one connection, read by benchmarks and tests; the same events feed <see cref="OdooMetrics"/>.</summary>
public sealed class OdooCallStats
{
    private long _calls;
    private long _retries;
    private long _transient;
    private long _permanent;

    public long Calls => Interlocked.Read(ref _calls);
    public long Retries => Interlocked.Read(ref _retries);
    public long TransientFailures => Interlocked.Read(ref _transient);
    public long PermanentFailures => Interlocked.Read(ref _permanent);

    internal void Called() => Interlocked.Increment(ref _calls);
    internal void Retried()
    {
        Interlocked.Increment(ref _retries);
        OdooMetrics.Retried();
    }

    internal void Failed(bool transient, string name)
    {
        Interlocked.Increment(ref transient ? ref _transient : ref _permanent);
        OdooMetrics.Failed(transient, name);
    }
}
