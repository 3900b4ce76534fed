namespace ActorSync.OdooSim;

/// <summary>
/// Faults to inject into Odoo's routes (never into /sim/*). Rates are probabilities from 0 to 1,
/// drawn from a random generator seeded with <see cref="Seed"/> so a run can be repeated.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Added to every call before anything else, like a slow network.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Answer 503 with a proxy's HTML page, doing nothing.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Every call answers 503 (until <see cref="OutageUntil"/> when that is set).</summary>
    public bool Outage { get; init; }
    public DateTimeOffset? OutageUntil { get; init; }

    /// <summary>Every call's connection is aborted without an answer, like a server that is down.</summary>
    public bool RefuseConnections { get; init; }

    /// <summary>Outages at set times after the simulator started (503s, or aborted connections), for demos and chaos runs.</summary>
    public IReadOnlyList<OutageWindow> OutageWindows { get; init; } = [];

    /// <summary>Hang until the client gives up, doing nothing.</summary>
    public double TimeoutRate { get; init; }

    /// <summary>Do the work and commit, then abort the connection: the client cannot know it succeeded.</summary>
    public double CommitThenDropRate { get; init; }

    /// <summary>The next this many calls commit and then drop their answer.</summary>
    public int DropNextResponses { get; init; }

    /// <summary>Answer PostgreSQL's concurrent update error, doing nothing.</summary>
    public double SerializationFailureRate { get; init; }

    public int Seed { get; init; } = 19;

    public static FaultSettings None { get; } = new();
}

/// <summary>An outage from <see cref="After"/> the simulator's start, lasting <see cref="For"/>.</summary>
public sealed record OutageWindow(TimeSpan After, TimeSpan For, bool RefuseConnections = false)
{
    public bool Covers(TimeSpan sinceStart) => sinceStart >= After && sinceStart < After + For;
}
