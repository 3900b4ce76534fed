namespace ActorSync.OdooSim;

/// <summary>
/// A latency model of a real Odoo 19 server, applied with Task.Delay while holding one of
/// <see cref="Workers"/> slots, so requests queue as they do on a server with few workers.
/// </summary>
public sealed record SimulatorCosts
{
    /// <summary>Paid by every call (HTTP, authentication, registry): common.version, reads.</summary>
    public TimeSpan PerCall { get; init; }

    /// <summary>Extra cost of a create/write/load call on accounting documents (moves, payments).</summary>
    public TimeSpan CreatePerCall { get; init; }
    public TimeSpan CreatePerRecord { get; init; }

    /// <summary>Extra cost of a create/write/load call on other models (partners, products, stock…).</summary>
    public TimeSpan SimpleCreatePerCall { get; init; }
    public TimeSpan SimpleCreatePerRecord { get; init; }

    /// <summary>Extra cost of posting (action_post and other workflow actions) per call and per record.</summary>
    public TimeSpan PostPerCall { get; init; }
    public TimeSpan PostPerRecord { get; init; }

    /// <summary>Requests served at the same time; 0 or less means unlimited.</summary>
    public int Workers { get; init; }

    public static SimulatorCosts None { get; } = new();

    /// <summary>
    /// Fitted to the throughput table in odoo-api.md (Odoo 19.0, 1 worker, 2 cores, loopback):
    /// common.version 70/s → 12 ms a call. Journal entries: 13/s one per call (≈ 72 ms) and 130/s
    /// fifty per call (≈ 385 ms) → 12 + 53 + 6.4·n ms. Entry create+post one per call 7/s and 50+50
    /// at 56/s → posting costs 12 + 50 + 8.9·n ms. Partners: 29/s one per call (≈ 34 ms) and 440/s
    /// fifty per call (≈ 114 ms) → 12 + 20.4 + 1.63·n ms.
    /// </summary>
    public static SimulatorCosts Odoo19 { get; } = new()
    {
        PerCall = TimeSpan.FromMilliseconds(12),
        CreatePerCall = TimeSpan.FromMilliseconds(53),
        CreatePerRecord = TimeSpan.FromMilliseconds(6.4),
        SimpleCreatePerCall = TimeSpan.FromMilliseconds(20.4),
        SimpleCreatePerRecord = TimeSpan.FromMilliseconds(1.63),
        PostPerCall = TimeSpan.FromMilliseconds(50),
        PostPerRecord = TimeSpan.FromMilliseconds(8.9),
        Workers = 1,
    };
}
