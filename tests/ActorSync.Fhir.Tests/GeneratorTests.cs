using System.Text;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Items;
using ActorSync.Fhir.Generation;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>
/// The sample data generator against the rest of the FHIR project: what it writes parses strictly,
/// maps with nothing rejected or parked for a network like the sample one, and the deciders accept
/// it; duplicates come back as duplicates and corrections as newer versions.
/// </summary>
public sealed class GeneratorTests
{
    private static readonly SourceContext Context = new(new SourceId("generator"), new DateTimeOffset(2026, 1, 6, 0, 0, 0, TimeSpan.Zero));
    private static readonly LegalEntityId Northwind = new("northwind-health");
    private static readonly LegalEntityId Lakeside = new("lakeside-care");

    /// <summary>The sample network of hocon/network.conf: sites, departments with classes and locations, products.</summary>
    private static readonly (SiteRoute Route, GeneratorSite Site, (string Code, string Unit, decimal Factor)[] Products)[] Network =
    [
        Site(Northwind, "nw-general", "Northwind General Hospital", ["Organization/nw-general", "http://hl7.org/fhir/sid/us-npi|1013100001"],
            [("emergency", "Emergency", ["EMER"], ["Location/nw-general-ed"]), ("surgery", "Surgery", [], ["Location/nw-general-or"]),
             ("inpatient", "Inpatient Wards", ["IMP", "ACUTE"], []), ("pharmacy", "Pharmacy", [], [])],
            [("706437002", "box", 100m), ("419343004", "each", 1m), ("337388004", "each", 1m)]),
        Site(Northwind, "nw-clinic", "Northwind Family Clinic", ["Organization/nw-clinic", "http://hl7.org/fhir/sid/us-npi|1013100002"],
            [("primary-care", "Primary Care", ["AMB", "VR"], []), ("laboratory", "Laboratory", [], [])],
            [("706437002", "box", 100m), ("419343004", "each", 1m), ("337388004", "each", 1m)]),
        Site(Lakeside, "lakeside-hospital", "Lakeside Community Hospital", ["Organization/lakeside-hospital"],
            [("emergency", "Emergency", ["EMER"], []), ("maternity", "Maternity", ["IMP"], []), ("outpatient", "Outpatient", ["AMB"], ["http://lakeside.example/location|opd"])],
            [("706437002", "box", 100m), ("419343004", "each", 1m)]),
    ];

    private static (SiteRoute, GeneratorSite, (string, string, decimal)[]) Site(LegalEntityId entity, string id, string name, string[] organizations,
        (string Id, string Name, string[] Classes, string[] Locations)[] departments, (string Code, string Unit, decimal Factor)[] products) =>
        (new SiteRoute(new SiteId(id), entity, organizations, [.. departments.Select(d => new DepartmentRoute(new DepartmentId(d.Id), d.Locations, d.Classes))]),
         new GeneratorSite(id, name, "USD", organizations, [.. departments.Select(d => new GeneratorDepartment(d.Id, d.Name, d.Classes, d.Locations))],
             [.. products.Select(p => new GeneratorProduct(p.Code, "P-" + p.Code, p.Unit))]),
         products);

    private static GeneratorOptions Options(int seed = 42, double duplicates = 0.1, double corrections = 0.1) =>
        new(new DateOnly(2026, 1, 5), 2, 30, seed, duplicates, corrections, GeneratorOptions.DefaultPayers);

    private static List<GeneratedBundle> Generate(GeneratorOptions options) =>
        [.. FhirDataGenerator.Generate([.. Network.Select(n => n.Site)], options)];

    [Fact]
    public void Every_generated_resource_parses_strictly_without_issues()
    {
        var parser = new FhirResourceParser();
        var bundles = Generate(Options());

        Assert.Equal(6, bundles.Count);
        foreach (var generated in bundles)
        {
            Assert.True(BundleReader.TryRead(generated.Json, out var bundle, out var problem), problem);
            Assert.Equal("transaction", bundle!.Type);
            Assert.Equal(generated.Resources.Values.Sum(), bundle.Entries.Count);
            foreach (var entry in bundle.Entries)
            {
                Assert.NotNull(entry.FullUrl);
                Assert.NotNull(entry.RequestMethod);
                var outcome = parser.Parse(entry.Resource);
                Assert.True(outcome.Succeeded, string.Join("; ", outcome.Issues.Select(i => i.Message)));
            }
        }
    }

    [Fact]
    public void Generated_bundles_map_without_rejections_and_the_deciders_accept_them()
    {
        var directory = new NetworkDirectory(Network.Select(n => n.Route),
            Network.SelectMany(n => n.Products.Select(p => (Key: (n.Route.Site, new ItemId(p.Code)), Unit: new Unit(p.Unit)))).ToDictionary(p => p.Key, p => p.Unit));
        var mapper = new BundleMapper(directory, directory, new Pseudonymizer(Encoding.UTF8.GetBytes("generator test key, 16 bytes+")), new FhirResourceParser(), new ReferenceMemory());
        var domain = new DeciderFold();
        foreach (var (route, _, products) in Network)
            foreach (var (code, unit, factor) in products)
                Assert.Equal(Outcome.Accepted, domain.Apply(new MapItem(new ItemKey(route.Site, new ItemId(code)), route.LegalEntity, "P-" + code,
                    new UnitConversion(new Unit(unit), new Unit("each"), factor), 0m, 0m,
                    new SourceStamp(new SourceId("configuration"), "ItemMapping", code, 0, "f", Context.ReceivedAt))));

        var kinds = new Dictionary<EntryKind, int>();
        var outcomes = new Dictionary<string, int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicateOutcomes = new List<Outcome>();
        var correctionOutcomes = new List<Outcome>();
        var departments = new List<DepartmentId?>();
        foreach (var generated in Generate(Options()))
        {
            Assert.True(BundleReader.TryRead(generated.Json, out var bundle, out _));
            var route = Network.Single(n => n.Site.Id == generated.Site).Route;
            var results = mapper.Map(bundle!.Entries, Context, new SiteResolution(route.Site, route.LegalEntity, null));
            foreach (var (entry, result) in bundle.Entries.Zip(results))
            {
                kinds[result.Kind] = kinds.GetValueOrDefault(result.Kind) + 1;
                var repeat = !seen.Add(Convert.ToBase64String(entry.Resource!));
                ResourceHeader.TryRead(entry.Resource, out var header, out _);
                foreach (var command in result.Commands)
                {
                    var outcome = domain.Apply(command);
                    outcomes[$"{command.GetType().Name}:{outcome}"] = outcomes.GetValueOrDefault($"{command.GetType().Name}:{outcome}") + 1;
                    if (repeat)
                        duplicateOutcomes.Add(outcome);
                    else if (header.VersionId == "2")
                        correctionOutcomes.Add(outcome);
                    if (command is RecordEncounter encounter)
                        departments.Add(encounter.Department);
                }
            }
        }

        Assert.Equal(0, kinds.GetValueOrDefault(EntryKind.Rejected));
        Assert.Equal(0, kinds.GetValueOrDefault(EntryKind.Parked));
        Assert.DoesNotContain(outcomes.Keys, k => k.EndsWith(":Rejected", StringComparison.Ordinal) || k.EndsWith(":OutOfOrder", StringComparison.Ordinal));
        Assert.True(outcomes.GetValueOrDefault("RecordPayment:Accepted") > 0);
        Assert.True(outcomes.GetValueOrDefault("ApplyAdjustment:Accepted") > 0);
        Assert.True(outcomes.GetValueOrDefault("ConsumeItem:Accepted") > 0);
        Assert.All(domain.Invoices.Values, i => Assert.False(i.Balance.IsNegative));
        Assert.All(departments, d => Assert.NotNull(d));
        Assert.NotEmpty(duplicateOutcomes);
        Assert.All(duplicateOutcomes, o => Assert.Equal(Outcome.Duplicate, o));
        Assert.NotEmpty(correctionOutcomes);
        Assert.All(correctionOutcomes, o => Assert.Equal(Outcome.Accepted, o));
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        var first = Generate(Options(seed: 7));
        var again = Generate(Options(seed: 7));
        var other = Generate(Options(seed: 8));

        Assert.Equal(first.Select(b => b.RelativePath), again.Select(b => b.RelativePath));
        Assert.All(first.Zip(again), pair => Assert.Equal(pair.First.Json, pair.Second.Json));
        Assert.All(first.Zip(other), pair => Assert.NotEqual(pair.First.Json, pair.Second.Json));
    }

    [Fact]
    public void Without_shares_there_are_no_duplicates_or_corrections()
    {
        var bundles = Generate(Options(duplicates: 0, corrections: 0));

        Assert.All(bundles, b => Assert.Equal((0, 0), (b.Duplicates, b.Corrections)));
        Assert.All(bundles, b => Assert.Equal(1, b.Resources["Organization"]));
    }

    [Theory]
    [InlineData(0, 10, 0.05, 0.03)]
    [InlineData(1, -1, 0.05, 0.03)]
    [InlineData(1, 10, 1.5, 0.03)]
    [InlineData(1, 10, 0.05, -0.1)]
    public void Bad_options_are_named(int days, int encounters, double duplicates, double corrections)
    {
        var options = new GeneratorOptions(new DateOnly(2026, 1, 5), days, encounters, 42, duplicates, corrections, GeneratorOptions.DefaultPayers);

        Assert.NotNull(options.Problem());
        Assert.Throws<ArgumentException>(() => FhirDataGenerator.Generate([], options).ToList());
    }
}
