using Akka.Configuration;
using Akka.Persistence.Sql;

namespace ActorSync.Actors.Configuration;

/// <summary>
/// Reads the HOCON an operator edits. Files are layered: the defaults in the hocon folder first
/// (cluster, embedded SQLite persistence, sample network), then each <c>--config</c> file over them,
/// later files winning. Akka.Persistence.Sql's own defaults are the last fallback.
/// </summary>
public static class HoconFiles
{
    public static readonly string[] DefaultFiles = ["cluster.conf", "persistence-sqlite.conf", "network.conf", "ingest.conf", "odoo.conf", "management.conf"];

    /// <summary>The hocon folder beside the executable (copied there by the build), else ./hocon.</summary>
    public static string DefaultFolder()
    {
        var besideBinary = Path.Combine(AppContext.BaseDirectory, "hocon");
        return Directory.Exists(besideBinary) ? besideBinary : Path.GetFullPath("hocon");
    }

    public static Config Load(string folder, IEnumerable<string> overrideFiles, Config? overrides = null)
    {
        var config = Config.Empty;
        foreach (var name in DefaultFiles)
            config = Parse(Path.Combine(folder, name)).WithFallback(config);
        foreach (var file in overrideFiles)
            config = Parse(file).WithFallback(config);
        if (overrides is not null)
            config = overrides.WithFallback(config);
        return config.WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static Config Parse(string path)
    {
        if (!File.Exists(path))
            throw new ConfigurationProblem($"configuration file {path} does not exist");
        try
        {
            return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is not ConfigurationProblem)
        {
            throw new ConfigurationProblem($"{path} is not valid HOCON: {ex.Message}");
        }
    }
}

/// <summary>A configuration mistake, with a message that names the file or key to fix.</summary>
public sealed class ConfigurationProblem(string message) : Exception(message);
