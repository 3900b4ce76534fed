using ActorSync.Actors.Configuration;
using ActorSync.Deploy.Tests.Support;
using Xunit;

namespace ActorSync.Deploy.Tests;

public sealed class DockerfileTests
{
    private readonly DockerfileModel _image = DockerfileModel.Load();

    [Fact]
    public void Publishes_the_host_project_that_the_entrypoint_starts()
    {
        var publish = Assert.Single(_image.All("RUN"), r => r.StartsWith("dotnet publish", StringComparison.Ordinal)).Split(' ')[2];
        Assert.Equal("src/ActorSync.Host/ActorSync.Host.csproj", publish);
        Assert.Contains("<AssemblyName>actorsync</AssemblyName>", Repo.Read(publish));
        Assert.Contains("exec dotnet /app/actorsync.dll node", Repo.Read(NodeContainer.EntrypointPath));
        Assert.Contains(_image.Copies(), c => c.FromStage && c.Destination == "/app/");
    }

    [Fact]
    public void Every_file_it_copies_from_the_repository_exists()
    {
        var sources = _image.Copies().Where(c => !c.FromStage).SelectMany(c => c.Sources).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(Repo.Exists(source), $"COPY {source}: not in the repository"));
    }

    [Fact]
    public void Puts_the_default_hocon_beside_the_binary_and_the_entrypoint_where_it_is_started()
    {
        foreach (var file in HoconFiles.DefaultFiles)
            Assert.Equal($"{NodeContainer.ImageHoconFolder}/{file}", _image.RepositoryFileAt($"/app/hocon/{file}"));
        var entrypoint = Assert.Single(_image.JsonForm("ENTRYPOINT"));
        Assert.Equal(NodeContainer.EntrypointPath, _image.RepositoryFileAt(entrypoint));
    }

    [Fact]
    public void Runs_as_a_non_root_user_on_the_aspnet_runtime()
    {
        var user = _image.All("USER").Last();
        Assert.DoesNotContain(user, new[] { "root", "0" });
        Assert.Contains(_image.All("ARG"), a => a.StartsWith("RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        Assert.Contains(_image.All("ARG"), a => a.StartsWith("SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Default_command_starts_a_valid_node_and_exposes_its_ports()
    {
        var node = new NodeContainer("image CMD", _image.JsonForm("CMD"), new Dictionary<string, string>(),
            new Dictionary<string, string> { ["ACTORSYNC_PUBLIC_HOSTNAME"] = "node-1" }, new HashSet<string>());
        var (_, ports) = NodeChecks.ConfigurationIsValid(node, _image);
        var exposed = _image.All("EXPOSE").SelectMany(e => e.Split(' ')).Select(int.Parse).Order();
        Assert.Equal(new[] { ports.Remoting, ports.Fhir, ports.Management }.Order(), exposed);
    }

    [Fact]
    public void Entrypoint_writes_the_public_hostname_layer_last_into_a_folder_the_image_makes()
    {
        var script = Repo.Read(NodeContainer.EntrypointPath);
        Assert.Contains("run_dir=/run/actorsync", script);
        Assert.Contains("akka.remote.dot-netty.tcp.public-hostname = \"$public_hostname\"", script);
        Assert.EndsWith("--config \"$run_dir/pod.conf\"", script.TrimEnd());
        Assert.Contains(_image.All("RUN"), r => r.Contains("/run/actorsync", StringComparison.Ordinal));
    }
}
