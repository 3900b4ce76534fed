namespace ActorSync.Actors.Ingest;

/// <summary>
/// For the resources the entities recently confirmed as durable, the idempotency key (version and
/// content fingerprint) of the latest one, bounded: an exact resend of that latest content within
/// the window is answered as a duplicate without a round trip to the entities. The entities stay
/// authoritative — anything else (a resource not here, older content) goes to them, and one
/// forgotten past the capacity only costs that round trip.
/// </summary>
public sealed class RecentKeys(int capacity)
{
    private readonly Dictionary<string, string> _latest = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public bool IsLatest(string resource, string key)
    {
        lock (_lock)
            return _latest.TryGetValue(resource, out var latest) && latest == key;
    }

    public void Confirmed(string resource, string key)
    {
        lock (_lock)
        {
            if (_latest.TryAdd(resource, key))
                _order.Enqueue(resource);
            else
                _latest[resource] = key;
            while (_latest.Count > capacity)
                _latest.Remove(_order.Dequeue());
        }
    }
}
