using System.Diagnostics;

namespace ActorSync.Host.Bench;

/// <summary>A one-line progress report on the terminal, refreshed at most every 250 ms.</summary>
internal sealed class BenchProgress(string phase, int total)
{
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private int _done;

    public void Step()
    {
        var done = Interlocked.Increment(ref _done);
        if (_since.ElapsedMilliseconds < 250 || Console.IsOutputRedirected)
            return;
        _since.Restart();
        Console.Write($"\r   {phase}: {done:N0}/{total:N0}   ");
    }

    public void Done(TimeSpan elapsed)
    {
        if (!Console.IsOutputRedirected)
            Console.Write("\r");
        Console.WriteLine($"   {phase}: {total:N0} in {elapsed.TotalSeconds:F2}s = {total / elapsed.TotalSeconds:N0}/s");
    }
}
