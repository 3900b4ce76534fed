using System.Diagnostics;

namespace ActorSync.Host.Chaos;

/// <summary>
/// One <c>actorsync node</c> process of a chaos run, started from this same executable, with its
/// output appended to a log file; killed with SIGKILL and started again on the same ports.
/// </summary>
internal sealed class ChaosNode(int index, int httpPort, int managementPort, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string log) : IDisposable
{
    private readonly Lock _gate = new();
    private Process? _process;

    public int Index => index;
    public Uri Fhir { get; } = new($"http://127.0.0.1:{httpPort}/");
    public Uri Management { get; } = new($"http://127.0.0.1:{managementPort}/");
    public bool Running => _process is { HasExited: false };

    public void Start()
    {
        var (file, prefix) = Executable();
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in prefix.Concat(arguments))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("the node process did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no leave, no handover, no flush — the failure the cluster must survive.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
    }

    /// <summary>SIGTERM: the node leaves the cluster and hands its shards over.</summary>
    public async Task StopAsync()
    {
        if (!Running)
            return;
        using (var term = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term!.WaitForExitAsync();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>Waits until the node answers its readiness probe (an Up member of the cluster).</summary>
    public async Task WaitReadyAsync(TimeSpan within, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Management, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                if ((await http.GetAsync("health/ready", ct)).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            if (!Running || DateTime.UtcNow > deadline)
                throw new TimeoutException($"node {index + 1} did not become ready (see {log}); it said last:{Environment.NewLine}{Tail(12)}");
            await Task.Delay(250, ct);
        }
    }

    /// <summary>This same program: the apphost, or <c>dotnet actorsync.dll</c>.</summary>
    private static (string File, string[] Prefix) Executable()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(ChaosNode).Assembly.Location])
            : (process, []);
    }

    private string Tail(int lines)
    {
        lock (_gate)
            return File.Exists(log) ? string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(lines)) : "(nothing)";
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
            File.AppendAllText(log, line + Environment.NewLine);
    }

    public void Dispose()
    {
        if (Running)
            Kill();
        _process?.Dispose();
    }
}
