using System.CommandLine;

namespace ActorSync.Host.Commands;

/// <summary>Options several commands share, spelled the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>The names of those <paramref name="options"/> the user wrote on the command line (not left to their defaults).</summary>
    public static List<string> Given(ParseResult parse, IEnumerable<Option> options) =>
        [.. options.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name)];

    public static Option<string[]> Config() => new("--config")
    {
        Description = "HOCON file layered over the defaults (repeatable), e.g. hocon/persistence-postgresql.conf",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Folder of the embedded SQLite journal (default: actorsync.storage.data-dir, ./data)",
    };

    public static Option<string?> HoconFolder() => new("--hocon")
    {
        Description = "Folder with cluster.conf, persistence-sqlite.conf and network.conf (default: the one beside the binary)",
    };
}
