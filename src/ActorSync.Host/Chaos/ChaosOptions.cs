namespace ActorSync.Host.Chaos;

/// <summary>What <c>actorsync chaos</c> was asked to do.</summary>
internal sealed record ChaosOptions
{
    public int Nodes { get; init; } = 3;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(8);
    public int Days { get; init; } = 4;
    public int EncountersPerDay { get; init; } = 10;
    public int Seed { get; init; } = 7;
    public bool Json { get; init; }

    /// <summary>Off for ingest benchmarks: the nodes only ingest.</summary>
    public bool Sinks { get; init; } = true;
    public required string HoconFolder { get; init; }
    public required string WorkDir { get; init; }
}
