using System.Net;
using System.Text.Json;
using ActorSync.Host.Palette;

namespace ActorSync.Host.Chaos;

/// <summary>
/// Counts rebalances while the chaos runs: every second it asks a live node where each region's
/// shards are, and a shard seen on another node than the last time has moved (handed off by a
/// leaving or restarted node, or reallocated after its node was downed; a node restarted on the same
/// port is another incarnation, told apart by its uid). A shard that moves and moves back between two
/// looks is not seen, so the count is a lower bound.
/// </summary>
internal sealed class ShardWatch(IReadOnlyList<ChaosNode> nodes, string token) : IDisposable
{
    private readonly Dictionary<(string Type, string Shard), string> _homes = [];

    // One client per node for the whole watch, not one per look: it looks every second.
    private readonly IReadOnlyList<ManagementClient> _apis = [.. nodes.Select(n => new ManagementClient(n.Management, token))];

    public int Moves { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await LookAsync(ct);
                await Task.Delay(1000, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run is over; a look in flight is abandoned.
        }
    }

    /// <summary>One look at every region through the first node that answers.</summary>
    public async Task LookAsync(CancellationToken ct)
    {
        foreach (var api in _apis)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bound.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                var (status, regions) = await api.SendAsync(HttpMethod.Get, "cluster/sharding/regions", bound.Token);
                if (status != HttpStatusCode.OK)
                    continue;
                foreach (var type in regions.GetProperty("regions").EnumerateArray().Select(t => t.GetString()!))
                {
                    var (statsStatus, stats) = await api.SendAsync(HttpMethod.Get, $"cluster/sharding/{type}/region-stats", bound.Token);
                    if (statsStatus == HttpStatusCode.OK)
                        // A region whose node the answering one does not know yet (just restarted) is left for the next look.
                        Observe(type, stats.GetProperty("regions").EnumerateArray().Where(r => r.GetProperty("uid").ValueKind == JsonValueKind.Number)
                            .SelectMany(r => r.GetProperty("shardIds").EnumerateArray().Select(s => (s.GetString()!, $"{r.GetProperty("address").GetString()}#{r.GetProperty("uid")}"))));
                }
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or OperationCanceledException or KeyNotFoundException or InvalidOperationException)
            {
                // A node being killed or started, or answering half: ask the next one.
            }
        }
    }

    private void Observe(string type, IEnumerable<(string Shard, string Address)> homes)
    {
        foreach (var (shard, address) in homes)
        {
            if (_homes.TryGetValue((type, shard), out var before) && before != address)
                Moves++;
            _homes[(type, shard)] = address;
        }
    }

    public void Dispose()
    {
        foreach (var api in _apis)
            api.Dispose();
    }
}
