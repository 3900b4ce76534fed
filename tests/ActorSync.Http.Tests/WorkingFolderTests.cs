using Xunit;

namespace ActorSync.Http.Tests;

/// <summary>
/// The FHIR server is configured by HOCON: it must not watch the working folder for
/// appsettings.json, which watched every file written below it (the journal too) and cost CPU.
/// </summary>
public sealed class WorkingFolderTests(IngestNodeFixture fixture) : IClassFixture<IngestNodeFixture>
{
    [Fact]
    public async Task A_running_fhir_server_watches_no_files()
    {
        // On Linux, .NET watches files from one thread named ".NET File Watcher" (15 characters kept).
        if (!OperatingSystem.IsLinux())
            return;
        using var client = fixture.Client();
        using var answer = await client.GetAsync(new Uri(fixture.Server.Address, "fhir/metadata"));

        var threads = Directory.GetDirectories("/proc/self/task").Select(task => File.ReadAllText(Path.Combine(task, "comm")).Trim()).ToList();

        Assert.True(answer.IsSuccessStatusCode);
        Assert.DoesNotContain(".NET File Watch", threads);
    }
}
