using ActorSync.Actors.Configuration;
using ActorSync.Actors.Ingest;
using ActorSync.Http;
using Akka.Configuration;
using Xunit;

namespace ActorSync.Deploy.Tests.Support;

/// <summary>What compose and Kubernetes must both get right about each node they start.</summary>
internal static class NodeChecks
{
    public sealed record Ports(int Remoting, int Fhir, int Management);

    /// <summary>Loads the node's configuration (failing on any ConfigurationProblem) and checks what a container needs of it.</summary>
    public static (Config Config, Ports Ports) ConfigurationIsValid(NodeContainer node, DockerfileModel image)
    {
        Assert.Equal("node", node.Args[0]);
        Assert.Contains("/app/hocon/persistence-postgresql.conf", node.ConfigFiles);
        var (config, network) = node.Load(image);
        Assert.Equal("postgresql", config.GetString("actorsync.storage.kind"));
        var http = HttpSettings.From(config);
        var (management, _) = ManagementSettings.From(config, _ => new string('x', 32));
        // Reachable from other containers and the kubelet / compose healthcheck, not just loopback.
        Assert.Equal("0.0.0.0", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal("0.0.0.0", http.Hostname);
        Assert.Equal("0.0.0.0", management.Hostname);
        Assert.True(http.Enabled && management.Enabled, $"{node.Name}: the FHIR endpoint and the management API are on");
        Assert.Equal(node.PublicHostname, config.GetString("akka.remote.dot-netty.tcp.public-hostname"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Contains("SplitBrainResolverProvider", config.GetString("akka.cluster.downing-provider-class"));
        Assert.NotEmpty(network.LegalEntities);
        return (config, new Ports(config.GetInt("akka.remote.dot-netty.tcp.port"), http.Port, management.Port));
    }

    /// <summary>Every variable the container sets is one the node (or its entrypoint) reads; every secret it needs is given.</summary>
    public static void EnvironmentMatches(NodeContainer node, DockerfileModel image, IEnumerable<string> alsoAllowed)
    {
        var (config, network) = node.Load(image);
        var given = node.SecretVariables.Concat(node.Environment.Keys).ToHashSet();
        var (read, warnings) = NodeContainer.VariablesRead(config, network, given);
        Assert.Empty(warnings);
        var unknown = given.Except(read).Except(alsoAllowed).Order().ToList();
        Assert.True(unknown.Count == 0, $"{node.Name} sets variables nothing reads: {string.Join(", ", unknown)}");
        var needed = new[]
        {
            config.GetString("actorsync.odoo.api-key-env"),
            config.GetString("actorsync.storage.postgresql.password-env"),
            config.GetString("actorsync.storage.postgresql.connection-string-env"),
            PseudonymKeyFile.EnvironmentVariable,
        };
        var missing = needed.Except(given).ToList();
        Assert.True(missing.Count == 0, $"{node.Name} does not provide {string.Join(", ", missing)}");
        foreach (var secret in new[] { config.GetString("actorsync.odoo.api-key-env"), config.GetString("actorsync.storage.postgresql.password-env"), PseudonymKeyFile.EnvironmentVariable })
            Assert.False(node.Environment.ContainsKey(secret), $"{node.Name}: {secret} is a secret, written in the manifest");
    }
}
