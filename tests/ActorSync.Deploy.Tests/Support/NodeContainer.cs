using System.Text.RegularExpressions;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using Akka.Configuration;

namespace ActorSync.Deploy.Tests.Support;

/// <summary>
/// One ActorSync container as a manifest starts it: the command's arguments, the files mounted into
/// it, the environment it sets and the secret variables it is given. <see cref="Load"/> builds the
/// configuration the node would read, from the same files, with the node's own loading code.
/// </summary>
internal sealed partial record NodeContainer(
    string Name,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> MountedFiles,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlySet<string> SecretVariables,
    string? Hostname = null)
{
    public const string EntrypointPath = "deploy/docker-entrypoint.sh";

    /// <summary>The image's /app/hocon, the defaults beside the binary (DockerfileTests checks the Dockerfile puts them there).</summary>
    public const string ImageHoconFolder = "hocon";

    public IReadOnlyList<string> ConfigFiles =>
        [.. Args.Zip(Args.Skip(1), (option, value) => (option, value)).Where(pair => pair.option == "--config").Select(pair => pair.value)];

    /// <summary>The layered configuration, as <c>actorsync node</c> loads it in this container (after the entrypoint's layer).</summary>
    public (Config Config, NetworkSettings Network) Load(DockerfileModel image)
    {
        var folder = Directory.CreateTempSubdirectory("actorsync-deploy-");
        try
        {
            var files = ConfigFiles.Select((path, i) =>
            {
                if (MountedFiles.TryGetValue(path, out var content))
                {
                    var copy = Path.Combine(folder.FullName, $"{i}-{Path.GetFileName(path)}");
                    File.WriteAllText(copy, content);
                    return copy;
                }
                return image.RepositoryFileAt(path) is { } inImage
                    ? Repo.PathOf(inImage)
                    : throw new FileNotFoundException($"{Name}: --config {path} is neither mounted nor in the image");
            }).ToList();
            var entrypointLayer = ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.public-hostname = \"{PublicHostname}\"");
            var (config, _, network) = ActorSyncNode.LoadConfiguration(new NodeOptions
            {
                HoconFolder = Repo.PathOf(ImageHoconFolder),
                ConfigFiles = files,
                Overrides = entrypointLayer,
            });
            return (config, network);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>What the entrypoint advertises: ACTORSYNC_PUBLIC_HOSTNAME, else the container's hostname.</summary>
    public string PublicHostname => Environment.TryGetValue("ACTORSYNC_PUBLIC_HOSTNAME", out var host)
        ? host
        : Hostname ?? throw new KeyNotFoundException($"{Name} sets neither ACTORSYNC_PUBLIC_HOSTNAME nor a hostname");

    /// <summary>
    /// Every environment variable the node reads with this configuration: the credentials its
    /// settings ask for (recorded while binding), the variables named in the HOCON, the pseudonym
    /// key, and the entrypoint's own.
    /// </summary>
    public static (IReadOnlySet<string> Read, IReadOnlyList<string> Warnings) VariablesRead(Config config, NetworkSettings network, IReadOnlySet<string> provided)
    {
        var asked = new HashSet<string>();
        string? Lookup(string name)
        {
            asked.Add(name);
            return provided.Contains(name) ? new string('x', 32) : null;
        }
        var (_, sourceWarnings) = SourceSettings.From(config, network, Lookup);
        var (_, managementWarnings) = ManagementSettings.From(config, Lookup);
        foreach (var key in new[] { "actorsync.odoo.api-key-env", "actorsync.storage.postgresql.connection-string-env", "actorsync.storage.postgresql.password-env" })
            if (config.GetString(key, null) is { Length: > 0 } name)
                asked.Add(name);
        asked.Add(PseudonymKeyFile.EnvironmentVariable);
        asked.UnionWith(EntrypointVariables());
        return (asked, [.. sourceWarnings, .. managementWarnings]);
    }

    public static IEnumerable<string> EntrypointVariables() =>
        EntrypointVariable().Matches(Repo.Read(EntrypointPath)).Select(m => m.Groups[1].Value).Distinct();

    [GeneratedRegex(@"\$\{?(ACTORSYNC_[A-Z0-9_]+)")]
    private static partial Regex EntrypointVariable();
}
