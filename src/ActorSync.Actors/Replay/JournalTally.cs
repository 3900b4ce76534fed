namespace ActorSync.Actors.Replay;

/// <summary>What a read covered, for its summary: events, persistence ids, entity types, time span.</summary>
public sealed class JournalTally
{
    private readonly HashSet<string> _persistenceIds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _byType = new(StringComparer.Ordinal);

    public long Events { get; private set; }
    public int PersistenceIds => _persistenceIds.Count;
    public IReadOnlyDictionary<string, long> ByEntityType => _byType;
    public DateTimeOffset? First { get; private set; }
    public DateTimeOffset? Last { get; private set; }

    public void Add(JournalRecord record)
    {
        Events++;
        _persistenceIds.Add(record.PersistenceId);
        _byType[record.EntityType] = _byType.GetValueOrDefault(record.EntityType) + 1;
        First = First is { } first && first <= record.WrittenAt ? first : record.WrittenAt;
        Last = Last is { } last && last >= record.WrittenAt ? last : record.WrittenAt;
    }
}
