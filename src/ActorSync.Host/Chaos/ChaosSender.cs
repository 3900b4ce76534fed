using ActorSync.Actors.Ingest;
using ActorSync.Http.Fhir;

namespace ActorSync.Host.Chaos;

/// <summary>
/// Sends FHIR files as a hospital's systems would during the chaos: each file to a random node
/// that is up, and again (to another) until one answers that it is durable. Repeats are the
/// point: the nodes must recognise them.
/// </summary>
internal sealed class ChaosSender(IReadOnlyList<ChaosNode> nodes, Random random)
{
    private readonly Lock _gate = new();
    private long _retries;
    private IngestCounts _totals = IngestCounts.Zero;

    public long Retries => Interlocked.Read(ref _retries);
    public IngestCounts Totals => _totals;

    /// <summary>Sends every file until it is durable, a few at once; with <paramref name="pace"/>, a new file starts at most that often.</summary>
    public async Task SendAsync(IReadOnlyList<(string File, string Token)> files, int atOnce, CancellationToken ct, TimeSpan? pace = null)
    {
        var started = DateTime.UtcNow;
        await Parallel.ForEachAsync(files.Select((f, i) => (f.File, f.Token, Index: i)), new ParallelOptions { MaxDegreeOfParallelism = atOnce, CancellationToken = ct }, async (item, token) =>
        {
            if (pace is { } every && started + every * item.Index - DateTime.UtcNow is { Ticks: > 0 } wait)
                await Task.Delay(wait, token);
            var counts = await UntilDurableAsync(item.File, item.Token, token);
            lock (_gate)
                _totals += counts;
        });
    }

    private async Task<IngestCounts> UntilDurableAsync(string file, string sourceToken, CancellationToken ct)
    {
        var counts = IngestCounts.Zero;
        while (true)
        {
            var up = nodes.Where(n => n.Running).ToList();
            if (up.Count > 0)
            {
                ChaosNode node;
                lock (random)
                    node = up[random.Next(up.Count)];
                try
                {
                    using var http = FhirIngestClient.Create(node.Fhir, sourceToken);
                    http.Timeout = TimeSpan.FromSeconds(60);
                    var answer = await new FhirIngestClient(http).SendFileAsync(file, ct);
                    counts += answer.Counts;
                    if (answer.Problem is null)
                        return counts;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    // The node died under the request (or never answered): nothing acknowledged, so send again.
                }
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(500, ct);
        }
    }
}
