using ActorSync.Deploy.Tests.Support;
using Xunit;

namespace ActorSync.Deploy.Tests;

public sealed class ManifestFileTests
{
    public static TheoryData<string> YamlFiles() =>
        [.. Directory.EnumerateFiles(Repo.PathOf("deploy"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order()];

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Every_yaml_file_parses(string file) => Assert.NotEmpty(Yaml.Documents(file));

    [Fact]
    public void The_env_file_with_secrets_is_ignored_and_only_its_example_is_committed()
    {
        Assert.Contains(".env", Repo.Read("deploy/.gitignore").Split('\n').Select(l => l.Trim()));
        Assert.True(Repo.Exists("deploy/.env.example"));
        Assert.All(ComposeTests.EnvExample().Values, value => Assert.Equal("", value));
    }
}
