using System.CommandLine;
using ActorSync.Host.Commands;

namespace ActorSync.Host.Tests;

/// <summary>
/// actorsync commands run in this process, as Program.cs parses them; what a command writes
/// through its invocation configuration is captured (import and generate still write to the console).
/// </summary>
internal static class InProcessCli
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Run> RunAsync(params string[] args)
    {
        var root = new RootCommand { GenerateCommand.Create(), ImportCommand.Create(), JournalCommand.Create(), TraceCommand.Create() };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
            return new Run(ExitCodes.BadConfiguration, "", string.Join('\n', parse.Errors.Select(e => e.Message)));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new Run(exit, stdout.ToString(), stderr.ToString());
    }
}
