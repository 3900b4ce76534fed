using System.Text;
using ActorSync.Actors.Configuration;
using ActorSync.Domain.Common;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary><c>actorsync generate</c> as a person runs it: the real process, the shipped network.conf, files on disk.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-generate-").FullName;

    [Fact]
    public async Task Generate_writes_a_bundle_per_site_and_day_that_the_shipped_network_maps_without_rejections()
    {
        using (var run = ActorSyncProcess.Start(_work, "generate", "--out", "a", "--days", "2", "--encounters-per-day", "15", "--json"))
        {
            Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            var summary = run.LastJson();
            Assert.Equal(6, summary.GetProperty("files").GetInt32());
            // 3 sites x 2 days x 15 encounters, plus corrections and repeats of some of them.
            Assert.InRange(summary.GetProperty("resources").GetProperty("Encounter").GetInt32(), 90, 120);
        }
        var files = Directory.GetFiles(Path.Combine(_work, "a"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6, files.Count);
        Assert.Contains(Path.Combine(_work, "a", "nw-general", "2026-01-06.json"), files);

        var network = NetworkSettings.From(HoconFiles.Load(Path.Combine(AppContext.BaseDirectory, "hocon"), []));
        var directory = network.Directory();
        var mapper = new BundleMapper(directory, directory, new Pseudonymizer(Encoding.UTF8.GetBytes("a test key of at least 16 bytes")), new FhirResourceParser(), new ReferenceMemory());
        foreach (var file in files)
        {
            var site = new SiteId(Path.GetFileName(Path.GetDirectoryName(file))!);
            Assert.True(BundleReader.TryRead(await File.ReadAllBytesAsync(file), out var bundle, out var problem), problem);
            var results = mapper.Map(bundle!.Entries, new SourceContext(new SourceId("generator"), DateTimeOffset.UnixEpoch), new SiteResolution(site, network.LegalEntityOf(site)!.Value, null));
            Assert.DoesNotContain(results, r => r.Kind is EntryKind.Rejected or EntryKind.Parked);
            Assert.Contains(results, r => r.ResourceType == "SupplyDelivery" && r.Kind == EntryKind.Mapped);
        }

        using (var again = ActorSyncProcess.Start(_work, "generate", "--out", "b", "--days", "2", "--encounters-per-day", "15"))
            Assert.Equal(0, await again.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        foreach (var file in files)
            Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(file.Replace(Path.Combine(_work, "a"), Path.Combine(_work, "b"), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Generate_writes_bulk_data_ndjson_per_site_and_type_that_imports_without_rejections()
    {
        using (var run = ActorSyncProcess.Start(_work, "generate", "--out", "nd", "--format", "ndjson", "--days", "2", "--encounters-per-day", "8", "--supply-use", "1"))
            Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var files = Directory.GetFiles(Path.Combine(_work, "nd"), "*.ndjson", SearchOption.AllDirectories);
        Assert.Contains(Path.Combine(_work, "nd", "nw-general", "Encounter.ndjson"), files);
        Assert.Contains(Path.Combine(_work, "nd", "nw-general", "SupplyDelivery.ndjson"), files);
        var lines = files.SelectMany(File.ReadAllLines).ToList();
        // NDJSON has no fullUrl to resolve a urn:uuid against: every reference is literal or conditional.
        Assert.DoesNotContain(lines, l => l.Contains("urn:uuid:", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(ResourceHeader.TryRead(Encoding.UTF8.GetBytes(l), out _, out var problem), problem));

        // One site's feed, as a site's EHR would send it: its deliveries name a department only when the visit had one.
        var siteLines = Directory.GetFiles(Path.Combine(_work, "nd", "nw-general")).Sum(f => File.ReadAllLines(f).Length);
        using var import = ActorSyncProcess.Start(_work, "import", Path.Combine("nd", "nw-general"), "--site", "nw-general", "--data-dir", "data", "--json");
        Assert.Equal(0, await import.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        var summary = import.LastJson();
        Assert.Equal(siteLines, summary.GetProperty("resources").GetInt32());
        Assert.Equal((0, 0), (summary.GetProperty("rejected").GetInt32(), summary.GetProperty("parked").GetInt32()));

        using (var none = ActorSyncProcess.Start(_work, "generate", "--out", "no-supplies", "--format", "ndjson", "--supply-use", "0"))
            Assert.Equal(0, await none.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_work, "no-supplies"), "SupplyDelivery.ndjson", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("--supply-use", "2")]
    [InlineData("--format", "xml")]
    [InlineData("--days", "0")]
    [InlineData("--days", "abc")]
    [InlineData("--start-date", "05/01/2026")]
    [InlineData("--duplicates", "1.5")]
    [InlineData("--payers", "Medicare")]
    public async Task A_bad_argument_is_a_readable_message_and_exit_code_2(string option, string value)
    {
        using var run = ActorSyncProcess.Start(_work, "generate", "--out", "x", option, value);

        Assert.Equal(2, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_work, "x")));
    }

    [Fact]
    public async Task Without_out_the_command_says_so_and_exits_2()
    {
        using var run = ActorSyncProcess.Start(_work, "generate");

        Assert.Equal(2, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("--out", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
