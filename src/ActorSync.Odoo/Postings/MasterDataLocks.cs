using System.Collections.Concurrent;

namespace ActorSync.Odoo.Postings;

/// <summary>
/// One writer at a time per company for master data (partners, products, analytic accounts), which
/// the sinks of a legal entity share: two writers looking up the same missing partner at once
/// would both make it. Share one instance between the writers of a node; across nodes the
/// external id's uniqueness decides and the loser deletes its duplicate.
/// </summary>
public sealed class MasterDataLocks
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> EnterAsync(long company, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(company, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
