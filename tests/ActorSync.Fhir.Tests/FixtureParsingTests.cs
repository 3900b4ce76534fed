using ActorSync.Fhir.Parsing;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>Every bundle and NDJSON line of the shared Synthea and bulk-export fixtures is read and every used resource parses strictly.</summary>
public sealed class FixtureParsingTests
{
    private static readonly FhirResourceParser Parser = new();

    [FixtureFact]
    public void Every_synthea_bundle_reads_and_its_used_resources_parse_strictly_with_no_issues()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var file in Directory.EnumerateFiles(SharedFixtures.Synthea, "*.json", SearchOption.AllDirectories))
        {
            Assert.True(BundleReader.TryRead(File.ReadAllBytes(file), out var bundle, out var problem), $"{file}: {problem}");
            foreach (var entry in bundle!.Entries)
            {
                Assert.NotNull(entry.Resource);
                Assert.True(ResourceHeader.TryRead(entry.Resource, out var header, out problem), $"{file} entry {entry.Index}: {problem}");
                counts[header.ResourceType] = counts.GetValueOrDefault(header.ResourceType) + 1;
                if (!ResourceKinds.IsUsed(header.ResourceType))
                    continue;
                var parsed = Parser.Parse(entry.Resource);
                if (!parsed.Succeeded)
                    failures.Add($"{Path.GetFileName(file)} #{entry.Index} {header.ResourceType}: {string.Join("; ", parsed.Issues.Select(i => i.Message))}");
                else
                    Assert.Equal(header.ResourceType, parsed.Resource!.TypeName);
            }
        }
        Assert.Empty(failures);
        // The counts SOURCES.md gives for the Synthea bundles.
        Assert.Equal(523, counts["Encounter"]);
        Assert.Equal(802, counts["Claim"]);
        Assert.Equal(523, counts["ExplanationOfBenefit"]);
        Assert.Equal(194, counts["Organization"]);
        Assert.Equal(194, counts["Location"]);
        Assert.Equal(7672, counts["Observation"]);
    }

    [FixtureFact]
    public void Every_ndjson_line_has_the_type_its_file_names_and_used_ones_parse()
    {
        var lines = 0;
        foreach (var file in Directory.EnumerateFiles(SharedFixtures.Ndjson, "*.ndjson", SearchOption.AllDirectories))
        {
            var expectedType = Path.GetFileNameWithoutExtension(file).Split('.', '-', '_')[0];
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                lines++;
                var bytes = System.Text.Encoding.UTF8.GetBytes(line);
                Assert.True(ResourceHeader.TryRead(bytes, out var header, out var problem), $"{file} line {lines}: {problem}");
                Assert.Equal(expectedType, header.ResourceType);
                if (ResourceKinds.IsUsed(header.ResourceType))
                    Assert.True(Parser.Parse(bytes).Succeeded, $"{file}: {header.ResourceType}/{header.Id} did not parse");
            }
        }
        Assert.True(lines > 0, "the NDJSON fixtures have lines");
    }
}
