using System.Diagnostics;
using System.Text;

namespace ActorSync.Host.Tests;

/// <summary>The real <c>actorsync</c> executable in its own process, with its output captured.</summary>
internal sealed class ActorSyncProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ActorSyncProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_stdout) _stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public int ExitCode => _process.ExitCode;
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public static ActorSyncProcess Start(string workingDirectory, params string[] args) => Start(new Dictionary<string, string>(), workingDirectory, args);

    public static ActorSyncProcess Start(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "actorsync.dll"), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AKKA__REMOTE__DOT_NETTY__TCP__PORT"] = "0";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new ActorSyncProcess(Process.Start(start)!);
    }

    public async Task WaitForOutputAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"actorsync exited with {_process.ExitCode} before printing '{text}'.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"actorsync did not print '{text}' within {within}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM, as a container orchestrator or systemd sends it.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    /// <summary>The JSON summary a <c>--json</c> command prints as its last line.</summary>
    public System.Text.Json.JsonElement LastJson() =>
        System.Text.Json.JsonDocument.Parse(Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]).RootElement.Clone();

    /// <summary>SIGKILL: the process dies where it stands, as in a power cut or an OOM kill.</summary>
    public void Kill() => _process.Kill();

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
