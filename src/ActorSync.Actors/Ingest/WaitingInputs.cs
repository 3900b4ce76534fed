using ActorSync.Domain.InputExceptions;

namespace ActorSync.Actors.Ingest;

/// <summary>
/// Parked input waiting for a claim or invoice that has not arrived yet (an EOB before its claim),
/// by the resource it waits for, so that the session retries it when that resource is drafted.
/// In memory and bounded: after a restart, or past the bound, operators retry by reason instead.
/// </summary>
internal sealed class WaitingInputs(int capacity)
{
    private readonly Dictionary<string, HashSet<InputExceptionKey>> _byResource = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Add(string resource, InputExceptionKey input)
    {
        lock (_byResource)
        {
            if (!_byResource.TryGetValue(resource, out var inputs))
            {
                _byResource[resource] = inputs = [];
                _order.Enqueue(resource);
            }
            inputs.Add(input);
            while (_byResource.Count > capacity && _order.TryDequeue(out var oldest))
                _byResource.Remove(oldest);
        }
    }

    /// <summary>The inputs that waited for <paramref name="resource"/>, no longer waiting.</summary>
    public IReadOnlyList<InputExceptionKey> Release(string resource)
    {
        lock (_byResource)
            return _byResource.Remove(resource, out var inputs) ? [.. inputs] : [];
    }
}
