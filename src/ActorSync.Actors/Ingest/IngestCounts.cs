namespace ActorSync.Actors.Ingest;

/// <summary>What became of the resources of an ingest; <see cref="Resources"/> is the sum of the other six.</summary>
public sealed record IngestCounts(int Accepted, int Duplicates, int OutOfOrder, int Rejected, int Parked, int Ignored)
{
    public static IngestCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public int Resources => Accepted + Duplicates + OutOfOrder + Rejected + Parked + Ignored;

    public static IngestCounts operator +(IngestCounts a, IngestCounts b) => new(
        a.Accepted + b.Accepted, a.Duplicates + b.Duplicates, a.OutOfOrder + b.OutOfOrder,
        a.Rejected + b.Rejected, a.Parked + b.Parked, a.Ignored + b.Ignored);
}
