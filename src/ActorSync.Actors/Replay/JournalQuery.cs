namespace ActorSync.Actors.Replay;

/// <summary>
/// Which events to read: one persistence id, or one tag, or all; written in [<see cref="From"/>,
/// <see cref="To"/>); at most <see cref="Limit"/>. The journal is read in offset order; one persistence
/// id in sequence order, from <see cref="FromSequenceNr"/> on.
/// </summary>
public sealed record JournalQuery(string? PersistenceId = null, string? Tag = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int? Limit = null, long FromSequenceNr = 0)
{
    public static JournalQuery All { get; } = new();

    public bool InTimeRange(JournalRecord record) =>
        (From is null || record.WrittenAt >= From) && (To is null || record.WrittenAt < To);
}
