namespace ActorSync.Actors.Ingest;

/// <summary>What became of the resources of an ingest; <see cref="Resources"/> is the sum of the other six.</summary>
public sealed record IngestCounts(int Accepted, int Duplicates, int OutOfOrder, int Rejected, int Parked, int Ignored)
{
    public static IngestCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public int Resources => Accepted + Duplicates + OutOfOrder + Rejected + Parked + Ignored;

    /// <summary>Counts per verdict; data outside the source's sites counts as rejected input.</summary>
    public static IngestCounts Of(IEnumerable<EntryOutcome> outcomes)
    {
        int accepted = 0, duplicates = 0, outOfOrder = 0, rejected = 0, parked = 0, ignored = 0;
        foreach (var outcome in outcomes)
        {
            switch (outcome.Verdict)
            {
                case IngestVerdict.Accepted: accepted++; break;
                case IngestVerdict.Duplicate: duplicates++; break;
                case IngestVerdict.OutOfOrder: outOfOrder++; break;
                case IngestVerdict.Rejected or IngestVerdict.Forbidden: rejected++; break;
                case IngestVerdict.Parked: parked++; break;
                default: ignored++; break;
            }
        }
        return new IngestCounts(accepted, duplicates, outOfOrder, rejected, parked, ignored);
    }

    public static IngestCounts operator +(IngestCounts a, IngestCounts b) => new(
        a.Accepted + b.Accepted, a.Duplicates + b.Duplicates, a.OutOfOrder + b.OutOfOrder,
        a.Rejected + b.Rejected, a.Parked + b.Parked, a.Ignored + b.Ignored);
}
