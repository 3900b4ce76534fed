using ActorSync.Deploy.Tests.Support;
using Akka.Actor;
using Xunit;

namespace ActorSync.Deploy.Tests;

public sealed class ComposeTests
{
    private const string ComposeFile = "deploy/compose.yaml";
    private readonly DockerfileModel _image = DockerfileModel.Load();
    private readonly IReadOnlyDictionary<string, object> _services = Yaml.Documents(ComposeFile).Single().Map("services");

    /// <summary>deploy/.env.example: the variables a .env must define, with empty values.</summary>
    public static IReadOnlyDictionary<string, string> EnvExample() =>
        Repo.Read("deploy/.env.example").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);

    private IReadOnlyList<NodeContainer> Nodes() =>
        [.. _services.Where(s => s.Value.Find("image") is "actorsync:local").Select(s => NodeOf(s.Key, s.Value))];

    private static NodeContainer NodeOf(string name, object service)
    {
        var mounts = service.Strings("volumes").Select(v => v.Split(':')).ToDictionary(v => v[1], v => Repo.Read($"deploy/{v[0].TrimStart('.', '/')}"));
        // A secret is substituted from .env under its own name: ${NAME:-} or ${NAME:?message}.
        var environment = service.Map("environment").ToDictionary(e => e.Key, e => (string)e.Value);
        var secrets = environment.Where(e => e.Value.StartsWith($"${{{e.Key}:", StringComparison.Ordinal)).Select(e => e.Key).ToHashSet();
        Assert.Subset(EnvExample().Keys.ToHashSet(), secrets);
        return new NodeContainer(name, service.Strings("command"), mounts,
            environment.Where(e => !secrets.Contains(e.Key)).ToDictionary(), secrets, service.Text("hostname"));
    }

    [Fact]
    public void Three_nodes_each_named_like_its_service_and_advertising_that_name()
    {
        var nodes = Nodes();
        Assert.Equal(3, nodes.Count);
        foreach (var node in nodes)
        {
            Assert.Equal(node.Name, node.Hostname);
            Assert.Equal(node.Name, node.PublicHostname);
            Assert.Equal("../deploy/Dockerfile", $"{_services[node.Name].Text("build.context")}/{_services[node.Name].Text("build.dockerfile")}");
        }
    }

    [Fact]
    public void Every_node_loads_a_valid_configuration_whose_seed_nodes_are_the_compose_nodes()
    {
        var nodes = Nodes();
        foreach (var node in nodes)
        {
            var (config, ports) = NodeChecks.ConfigurationIsValid(node, _image);
            var seeds = config.GetStringList("akka.cluster.seed-nodes").Select(Address.Parse).ToList();
            Assert.Equal(nodes.Select(n => n.Name).Order(), seeds.Select(s => s.Host).Order());
            Assert.All(seeds, s => Assert.Equal((config.GetString("actorsync.system-name"), ports.Remoting), (s.System, s.Port!.Value)));
        }
    }

    [Fact]
    public void Healthchecks_published_ports_and_grace_period_match_the_node()
    {
        foreach (var node in Nodes())
        {
            var service = _services[node.Name];
            var (_, ports) = NodeChecks.ConfigurationIsValid(node, _image);
            Assert.Contains($"http://127.0.0.1:{ports.Management}/health/ready", service.Strings("healthcheck.test"));
            var published = service.Strings("ports").Select(p => int.Parse(p.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(new[] { ports.Fhir, ports.Management }.Order(), published.Order());
            Assert.Equal("60s", service.Text("stop_grace_period"));
        }
    }

    [Fact]
    public void Environment_is_what_the_node_reads_and_secrets_are_substituted_from_the_env_file()
    {
        foreach (var node in Nodes())
            NodeChecks.EnvironmentMatches(node, _image, alsoAllowed: []);
    }

    [Fact]
    public void Journal_and_odoo_have_separate_databases_that_the_nodes_name()
    {
        var journal = _services["journal-db"];
        foreach (var node in Nodes())
        {
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(node.Environment["ACTORSYNC_PG_CONNECTION"]);
            Assert.Equal("journal-db", connection.Host);
            Assert.Equal((journal.Text("environment.POSTGRES_DB"), journal.Text("environment.POSTGRES_USER")), (connection.Database, connection.Username));
            Assert.Null(connection.Password);
            var (config, _) = node.Load(_image);
            var odoo = new Uri(config.GetString("actorsync.odoo.url"));
            Assert.Equal("odoo:19", _services[odoo.Host].Text("image"));
            Assert.Equal($"8069:{odoo.Port}", Assert.Single(_services[odoo.Host].Strings("ports")));
        }
        Assert.Equal("odoo-db", _services["odoo"].Text("environment.HOST"));
        Assert.NotEqual(journal.Text("volumes.0"), _services["odoo-db"].Text("volumes.0"));
        Assert.Contains("ACTORSYNC_PG_PASSWORD", journal.Text("environment.POSTGRES_PASSWORD"));
    }
}
