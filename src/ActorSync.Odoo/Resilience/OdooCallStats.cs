namespace ActorSync.Odoo.Resilience;

/// <summary>Counters of one connection, read by benchmarks, tests and (later) metrics.</summary>
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
    internal void Retried() => Interlocked.Increment(ref _retries);
    internal void Failed(bool transient) => Interlocked.Increment(ref transient ? ref _transient : ref _permanent);
}
