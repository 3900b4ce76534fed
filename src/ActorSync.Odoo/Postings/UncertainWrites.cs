using System.Collections.Concurrent;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Errors;

namespace ActorSync.Odoo.Postings;

/// <summary>
/// Postings whose last write may have been committed without an answer. Odoo goes on with a request
/// after the client stopped waiting, up to its time limit; until then a record not found yet may still
/// appear, so it is not made again — the write is retried later instead. In memory: a restart takes
/// its own time, and the sink's backoff spaces attempts out as well.
/// </summary>
public sealed class UncertainWrites(TimeSpan settle, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<PostingKey, DateTimeOffset> _since = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public void Mark(IEnumerable<PostingKey> keys)
    {
        var now = _time.GetUtcNow();
        foreach (var key in keys)
            _since[key] = now;
    }

    public void ThrowIfSettling(IEnumerable<PostingKey> keys)
    {
        var now = _time.GetUtcNow();
        var settling = keys.Where(k => _since.TryGetValue(k, out var since) && now - since < settle).ToList();
        if (settling.Count > 0)
            throw new OdooException("actorsync.settling", $"{settling.Count} posting(s) (e.g. {settling[0]}) may still be committed by an earlier attempt; they are looked for again once Odoo's time limit of {settle.TotalSeconds:0} s has passed.", null, OdooErrorClass.Transient);
        foreach (var key in keys)
            _since.TryRemove(key, out _);
    }
}
