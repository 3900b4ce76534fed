using System.Runtime.InteropServices;

namespace ActorSync.Host.Commands;

/// <summary>Long-running commands run until Ctrl+C or SIGTERM (how orchestrators and systemd ask a process to stop).</summary>
internal static class StopSignal
{
    public static async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
