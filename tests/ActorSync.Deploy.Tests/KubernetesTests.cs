using ActorSync.Deploy.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Xunit;

namespace ActorSync.Deploy.Tests;

public sealed class KubernetesTests
{
    private const string Folder = "deploy/k8s";
    private const string SecretTemplate = "secret.example.yaml";
    private readonly DockerfileModel _image = DockerfileModel.Load();
    private readonly IReadOnlyList<object> _objects;
    private readonly object _statefulSet;
    private readonly object _container;

    public KubernetesTests()
    {
        _objects = [.. Directory.EnumerateFiles(Repo.PathOf(Folder), "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => Yaml.Documents($"{Folder}/{Path.GetFileName(f)}"))];
        _statefulSet = Object("StatefulSet", "actorsync");
        _container = Assert.Single(_statefulSet.List("spec.template.spec.containers"));
    }

    private object Object(string kind, string name) =>
        Assert.Single(_objects, o => o.Text("kind") == kind && o.Text("metadata.name") == name);

    private IReadOnlyDictionary<string, string> PodLabels => _statefulSet.Map("spec.template.metadata.labels").ToDictionary(l => l.Key, l => (string)l.Value);

    private void SelectsThePods(object selector) =>
        Assert.All(selector.Map(""), l => Assert.Equal(PodLabels[l.Key], l.Value));

    private string Replace(string text) => text.Replace("$(POD_NAME)", $"{_statefulSet.Text("metadata.name")}-0", StringComparison.Ordinal);

    private NodeContainer Node()
    {
        var mount = Assert.Single(_container.List("volumeMounts"), m => m.Text("name") == "hocon");
        var volume = Assert.Single(_statefulSet.List("spec.template.spec.volumes"), v => v.Text("name") == "hocon");
        var configMap = Object("ConfigMap", volume.Text("configMap.name"));
        var files = configMap.Map("data").ToDictionary(d => $"{mount.Text("mountPath")}/{d.Key}", d => (string)d.Value);
        var secret = Object("Secret", Assert.Single(_container.List("envFrom")).Text("secretRef.name"));
        var environment = _container.List("env").ToDictionary(e => e.Text("name"), e => e.Find("value") as string ?? "");
        return new NodeContainer("StatefulSet actorsync", _container.Strings("args"), files,
            environment.ToDictionary(e => e.Key, e => Replace(e.Value)), secret.Map("stringData").Keys.ToHashSet());
    }

    [Fact]
    public void Kustomization_lists_every_manifest_but_the_secret_template_and_no_namespace_is_named()
    {
        var listed = Yaml.Documents($"{Folder}/kustomization.yaml").Single().Strings("resources");
        var files = Directory.EnumerateFiles(Repo.PathOf(Folder), "*.yaml").Select(Path.GetFileName)
            .Where(f => f is not ("kustomization.yaml" or SecretTemplate));
        Assert.Equal(files.Order(), listed.Order());
        Assert.All(_objects, o => Assert.Null(o.Find("metadata.namespace")));
    }

    [Fact]
    public void The_pods_load_a_valid_configuration_from_the_image_and_the_config_map()
    {
        var node = Node();
        Assert.All(node.ConfigFiles.Where(f => f.StartsWith("/etc/", StringComparison.Ordinal)), f => Assert.Contains(f, node.MountedFiles.Keys));
        NodeChecks.ConfigurationIsValid(node, _image);
    }

    [Fact]
    public void Container_ports_and_services_match_the_hocon()
    {
        var (_, ports) = NodeChecks.ConfigurationIsValid(Node(), _image);
        var declared = _container.List("ports").ToDictionary(p => p.Text("name"), p => p.Int("containerPort"));
        Assert.Equal(new Dictionary<string, int> { ["remoting"] = ports.Remoting, ["fhir"] = ports.Fhir, ["management"] = ports.Management }, declared);
        foreach (var service in _objects.Where(o => o.Text("kind") == "Service"))
        {
            SelectsThePods(service.Get("spec.selector"));
            Assert.All(service.List("spec.ports"), p => Assert.Equal(declared[p.Text("targetPort")], p.Int("port")));
        }
        var headless = Object("Service", _statefulSet.Text("spec.serviceName"));
        Assert.Equal("None", headless.Text("spec.clusterIP"));
        Assert.Equal("true", headless.Text("spec.publishNotReadyAddresses"));
        Assert.Equal("remoting", Assert.Single(headless.List("spec.ports")).Text("targetPort"));
    }

    [Fact]
    public void Probes_ask_the_management_api_for_readiness_and_liveness()
    {
        Assert.Equal(("/health/ready", "management"), (_container.Text("readinessProbe.httpGet.path"), _container.Text("readinessProbe.httpGet.port")));
        Assert.Equal(("/health/live", "management"), (_container.Text("livenessProbe.httpGet.path"), _container.Text("livenessProbe.httpGet.port")));
        Assert.Equal("/health/live", _container.Text("startupProbe.httpGet.path"));
        // The API starts after the node joined: startup allows the join timeout (60 s) and more.
        Assert.True(_container.Int("startupProbe.periodSeconds") * _container.Int("startupProbe.failureThreshold") > 60);
    }

    [Fact]
    public void Seed_nodes_are_the_stateful_set_pods_under_the_headless_service_as_they_advertise_themselves()
    {
        var node = Node();
        var (config, ports) = NodeChecks.ConfigurationIsValid(node, _image);
        var name = _statefulSet.Text("metadata.name");
        var service = _statefulSet.Text("spec.serviceName");
        var replicas = _statefulSet.Int("spec.replicas");
        var seeds = config.GetStringList("akka.cluster.seed-nodes").Select(Address.Parse).ToList();
        Assert.Equal(Enumerable.Range(0, replicas).Select(i => $"{name}-{i}.{service}"), seeds.Select(s => s.Host));
        Assert.All(seeds, s => Assert.Equal((config.GetString("actorsync.system-name"), ports.Remoting), (s.System, s.Port!.Value)));
        Assert.Equal($"$(POD_NAME).{service}", Assert.Single(_container.List("env"), e => e.Text("name") == "ACTORSYNC_PUBLIC_HOSTNAME").Text("value"));
        Assert.Equal("metadata.name", Assert.Single(_container.List("env"), e => e.Text("name") == "POD_NAME").Text("valueFrom.fieldRef.fieldPath"));
        Assert.Equal(seeds[0].Host, node.PublicHostname);
    }

    [Fact]
    public void Environment_is_what_the_node_reads_and_secrets_come_from_the_secret_with_placeholders_only()
    {
        // POD_NAME only feeds ACTORSYNC_PUBLIC_HOSTNAME's $(POD_NAME).
        NodeChecks.EnvironmentMatches(Node(), _image, alsoAllowed: ["POD_NAME"]);
        var secret = Object("Secret", Assert.Single(_container.List("envFrom")).Text("secretRef.name"));
        Assert.All(secret.Map("stringData").Values.Cast<string>(), v => Assert.Matches("<[a-z0-9-]+>", v));
        Assert.Null(secret.Find("data"));
    }

    [Fact]
    public void Replicas_disruption_budget_and_shutdown_allow_a_graceful_leave_one_at_a_time()
    {
        Assert.Equal(3, _statefulSet.Int("spec.replicas"));
        var budget = Assert.Single(_objects, o => o.Text("kind") == "PodDisruptionBudget");
        Assert.Equal(1, budget.Int("spec.maxUnavailable"));
        SelectsThePods(budget.Get("spec.selector.matchLabels"));
        SelectsThePods(_statefulSet.Get("spec.selector.matchLabels"));
        Assert.True(_statefulSet.Int("spec.template.spec.terminationGracePeriodSeconds") >= 60);
        Assert.Equal("true", _statefulSet.Text("spec.template.spec.securityContext.runAsNonRoot"));
        Assert.Equal("true", _container.Text("securityContext.readOnlyRootFilesystem"));
        // The entrypoint writes its layer into /run/actorsync: writable although the root file system is not.
        var run = Assert.Single(_container.List("volumeMounts"), m => m.Text("mountPath") == "/run/actorsync");
        Assert.NotNull(Assert.Single(_statefulSet.List("spec.template.spec.volumes"), v => v.Text("name") == run.Text("name")).Find("emptyDir"));
    }

    [Fact]
    public void Described_kubernetes_bootstrap_parses_matches_the_pods_and_is_not_loaded()
    {
        var node = Node();
        var file = Assert.Single(node.MountedFiles, f => f.Key.EndsWith("/kubernetes-bootstrap.conf", StringComparison.Ordinal));
        var bootstrap = ConfigurationFactory.ParseString(file.Value);
        var discovery = bootstrap.GetConfig("akka.management.cluster.bootstrap.contact-point-discovery");
        Assert.Equal(bootstrap.GetString("akka.discovery.method"), discovery.GetString("discovery-method"));
        var selector = string.Format(System.Globalization.CultureInfo.InvariantCulture, bootstrap.GetString("akka.discovery.kubernetes-api.pod-label-selector"), discovery.GetString("service-name")).Split('=');
        Assert.Equal(PodLabels[selector[0]], selector[1]);
        Assert.Equal(_statefulSet.Int("spec.replicas"), discovery.GetInt("required-contact-point-nr"));
        Assert.Empty(bootstrap.GetStringList("akka.cluster.seed-nodes"));
        Assert.DoesNotContain(file.Key, node.ConfigFiles);
        Assert.Equal("actorsync", Object("RoleBinding", "actorsync-pod-reader").Text("subjects.0.name"));
        Assert.Equal("actorsync", _statefulSet.Text("spec.template.spec.serviceAccountName"));
    }
}
