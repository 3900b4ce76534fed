using ActorSync.Actors.Serialization;

namespace ActorSync.Actors.Replay;

/// <summary>
/// One event as the journal holds it: its place (global offset, persistence id and sequence
/// number), when it was written, its tags, and the event itself.
/// </summary>
public sealed record JournalRecord(long Offset, string PersistenceId, long SequenceNr, DateTimeOffset WrittenAt, IReadOnlyList<string> Tags, object Event)
{
    /// <summary>The stable name the event is stored under (<c>invoice-issued.v1</c>).</summary>
    public string Manifest => Manifests.ByType.TryGetValue(Event.GetType(), out var manifest) ? manifest : Event.GetType().Name;

    /// <summary>What precedes the first <c>|</c> of the persistence id: <c>invoice</c>, <c>posting-sink</c>, ….</summary>
    public string EntityType => PersistenceId[..Math.Max(0, PersistenceId.IndexOf('|'))];

    /// <summary>What follows the first <c>|</c> of the persistence id.</summary>
    public string EntityId => PersistenceId[(PersistenceId.IndexOf('|') + 1)..];
}
