namespace ActorSync.Odoo.Connection;

/// <summary>How to reach one Odoo database, and how patiently.</summary>
public sealed record OdooConnectionSettings
{
    public required Uri Url { get; init; }
    public required string Database { get; init; }
    public required string Login { get; init; }
    public required OdooSecret ApiKey { get; init; }
    public OdooProtocol Protocol { get; init; } = OdooProtocol.Json2;

    /// <summary>One attempt's limit. Odoo's own write path is slow (≈ 70 ms a record): be generous.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public RetrySettings Retry { get; init; } = new();
    public CircuitBreakerSettings CircuitBreaker { get; init; } = new();
    public RateLimitSettings RateLimit { get; init; } = new();

    /// <summary>Pooled HTTP connections to the server (an Odoo with N workers serves N requests at once).</summary>
    public int MaxConnections { get; init; } = 4;

    /// <summary>
    /// How long Odoo may go on with a request after the client gave up (its <c>limit_time_real</c>,
    /// 120 s by default): a write whose answer was lost is not looked for and made again before then,
    /// or a late commit of the first attempt would make a second record.
    /// </summary>
    public TimeSpan RequestTimeLimit { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Records per multi-record call when posting batches (100: ≥ 10× the records/s of one per call, docs/benchmarks.md).</summary>
    public int BatchSize { get; init; } = 100;

    public override string ToString() => $"{Protocol} {Url} database {Database} as {Login}";
}

/// <summary>Retries of transient failures: exponential backoff with jitter.</summary>
public sealed record RetrySettings(int MaxAttempts = 5, TimeSpan? BaseDelay = null, TimeSpan? MaxDelay = null)
{
    public TimeSpan Base => BaseDelay ?? TimeSpan.FromMilliseconds(200);
    public TimeSpan Max => MaxDelay ?? TimeSpan.FromSeconds(10);
}

/// <summary>Stop calling an Odoo that keeps failing, and try again after a pause.</summary>
public sealed record CircuitBreakerSettings(double FailureRatio = 0.5, int MinimumThroughput = 10, TimeSpan? Sampling = null, TimeSpan? Break = null)
{
    public TimeSpan SamplingDuration => Sampling ?? TimeSpan.FromSeconds(30);
    public TimeSpan BreakDuration => Break ?? TimeSpan.FromSeconds(15);
}

/// <summary>Calls per second to one Odoo (a token bucket); 0 turns the limit off.</summary>
public sealed record RateLimitSettings(double PerSecond = 20, int Burst = 20);
