using System.Text.Json;
using ActorSync.Fhir.Tests;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// The third-party Synthea bundles and Bulk Data NDJSON (../shared/fixtures/fhir, read in place)
/// through <c>actorsync import</c> into a real node: nothing rejected, the journal holds as many
/// encounters, invoices, payments and consumptions as the files contain, and sending it all again,
/// twice, then in shuffled order, writes no further event.
/// </summary>
public sealed class FixtureImportTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-fixtures-").FullName;

    [FixtureFact]
    public async Task Synthea_fixtures_ingest_without_rejections_and_resending_or_shuffling_adds_no_events()
    {
        var files = FixtureNetwork.Read(SharedFixtures.Synthea, SharedFixtures.Ndjson);
        var conf = Path.Combine(_work, "synthea-network.conf");
        await File.WriteAllTextAsync(conf, files.Hocon());
        string[] inputs = [SharedFixtures.Synthea, SharedFixtures.Ndjson];

        var first = await ImportAsync(conf, files.FirstSite, inputs);
        var events = Events();
        var second = await ImportAsync(conf, files.FirstSite, inputs);
        var third = await ImportAsync(conf, files.FirstSite, inputs);
        var shuffled = await ImportAsync(conf, files.FirstSite, [Shuffled(SharedFixtures.Synthea, "bundles"), Shuffled(SharedFixtures.Ndjson, "ndjson")]);

        Assert.Equal((0, 0), (first.GetProperty("rejected").GetInt32(), first.GetProperty("parked").GetInt32()));
        Assert.Equal(files.Distinct("Encounter"), events.GetValueOrDefault("encounter-registered.v1"));
        Assert.Equal(files.Distinct("Claim"), events.GetValueOrDefault("invoice-drafted.v1"));
        Assert.Equal(files.PaidEobs, events.GetValueOrDefault("payment-received.v1"));
        Assert.Equal(files.CompletedDeliveries, events.GetValueOrDefault("item-consumed.v1"));
        foreach (var again in new[] { second, third, shuffled })
        {
            Assert.Equal(0, again.GetProperty("accepted").GetInt32());
            Assert.Equal(first.GetProperty("resources").GetInt32(), again.GetProperty("resources").GetInt32());
        }
        Assert.Equal(events, Events());
    }

    /// <summary>The files in a random order, and the lines of each NDJSON file shuffled; bundles stay whole (their urn:uuid references are theirs).</summary>
    private string Shuffled(string folder, string name)
    {
        var target = Directory.CreateDirectory(Path.Combine(_work, "shuffled", name)).FullName;
        var random = new Random(20261130);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).OrderBy(_ => random.Next()).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            var copy = Path.Combine(target, $"{i:000}-{Path.GetFileName(files[i])}");
            if (files[i].EndsWith(".ndjson", StringComparison.Ordinal))
                File.WriteAllLines(copy, File.ReadLines(files[i]).OrderBy(_ => random.Next()));
            else
                File.Copy(files[i], copy);
        }
        return target;
    }

    private async Task<JsonElement> ImportAsync(string conf, string site, string[] inputs)
    {
        using var import = ActorSyncProcess.Start(_work, ["import", .. inputs, "--config", conf, "--site", site, "--source", "synthea", "--json"]);
        Assert.Equal(0, await import.WaitForExitAsync(TimeSpan.FromMinutes(5)));
        return import.LastJson();
    }

    /// <summary>Events in the journal by manifest.</summary>
    private Dictionary<string, int> Events()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_work, "data", "actorsync.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest, COUNT(*) FROM event_journal GROUP BY manifest";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, int>();
        while (reader.Read())
            counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
