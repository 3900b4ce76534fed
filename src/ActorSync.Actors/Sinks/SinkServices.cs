using ActorSync.Actors.Configuration;
using ActorSync.Domain.Postings;
using ActorSync.Odoo;
using ActorSync.Odoo.Postings;

namespace ActorSync.Actors.Sinks;

/// <summary>
/// What the sinks of a node share: the network's mapping, the sink settings, and one Odoo
/// connection per flow — its own pooled connections, rate limit and circuit breaker, so a flood of
/// inventory postings cannot use up the revenue cycle's budget.
/// </summary>
public sealed class SinkServices : IDisposable
{
    private readonly Dictionary<PostingFlow, OdooClient> _clients;
    private readonly Dictionary<PostingFlow, PostingWriter> _writers;

    public SinkServices(NetworkSettings network, SinkSettings settings, OdooSettings odoo, TimeProvider? time = null)
    {
        Network = network;
        Settings = settings;
        Time = time ?? TimeProvider.System;
        _clients = Enum.GetValues<PostingFlow>().ToDictionary(f => f, _ => new OdooClient(odoo.Connection));
        var targets = odoo.Targets(network);
        var locks = new MasterDataLocks();
        _writers = _clients.ToDictionary(c => c.Key, c => new PostingWriter(c.Value, targets, locks));
    }

    public NetworkSettings Network { get; }
    public SinkSettings Settings { get; }
    public TimeProvider Time { get; }

    public PostingWriter Writer(PostingFlow flow) => _writers[flow];

    public OdooClient Client(PostingFlow flow) => _clients[flow];

    public void Dispose()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
    }
}
