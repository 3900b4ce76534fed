using System.Net;
using System.Net.Sockets;

namespace ActorSync.Host.Chaos;

internal static class LoopbackPorts
{
    /// <summary>Ports free on 127.0.0.1 now, distinct (all held open until every one is chosen).</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
