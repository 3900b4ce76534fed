using System.CommandLine;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Replay;

namespace ActorSync.Host.Commands;

/// <summary>
/// The commands that read the journal offline (<c>journal</c>, <c>trace</c>): where the journal is
/// (--config, --data-dir, --hocon, as for the node), and one place that turns failures into
/// messages and exit codes — a wrong configuration or data folder is 2, a store that fails is 3.
/// </summary>
internal sealed class JournalAccess
{
    private readonly Option<string[]> _config = CommonOptions.Config();
    private readonly Option<string?> _dataDir = CommonOptions.DataDir();
    private readonly Option<string?> _hocon = CommonOptions.HoconFolder();

    /// <summary>The options that say where the local journal is (meaningless against a running node).</summary>
    public IEnumerable<Option> LocalOptions => [_config, _dataDir, _hocon];

    public void AddTo(Command command)
    {
        command.Options.Add(_config);
        command.Options.Add(_dataDir);
        command.Options.Add(_hocon);
    }

    /// <summary>The node options these arguments give; a reader seeds nothing.</summary>
    public NodeOptions NodeOptions(ParseResult parse) => new()
    {
        ConfigFiles = parse.GetValue(_config) ?? [],
        DataDir = parse.GetValue(_dataDir),
        HoconFolder = parse.GetValue(_hocon) ?? HoconFiles.DefaultFolder(),
        SeedNetwork = false,
    };

    public async Task<int> RunAsync(ParseResult parse, string name, Func<JournalReader, TextWriter, Task<int>> read)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            await using var reader = JournalReader.Open(NodeOptions(parse));
            return await read(reader, parse.InvocationConfiguration.Output);
        }
        catch (ConfigurationProblem problem)
        {
            await error.WriteLineAsync($"actorsync {name}: {problem.Message}");
            return ExitCodes.BadConfiguration;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"actorsync {name}: reading the journal failed: {ex.GetBaseException().Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Progress lines go to a terminal only; scripts and files get the summary alone.</summary>
    public static void Progress(TextWriter output, string line)
    {
        if (!Console.IsOutputRedirected)
            output.Write($"\r  {line}   ");
    }

    public static void EndProgress(TextWriter output)
    {
        if (!Console.IsOutputRedirected)
            output.WriteLine();
    }
}
