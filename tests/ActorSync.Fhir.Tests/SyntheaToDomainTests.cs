using System.Text;
using ActorSync.Domain.Common;
using ActorSync.Domain.Items;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>
/// The mapping rules and the domain rules together, without actors: every Synthea bundle goes
/// through <see cref="BundleMapper"/> and its commands are folded through the deciders in order.
/// Nothing may be rejected, balances never go negative, and sending everything again changes nothing.
/// </summary>
public sealed class SyntheaToDomainTests
{
    private static readonly SourceContext Context = new(new SourceId("synthea"), new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));
    private static readonly SiteResolution Site = new(new SiteId("synthea-site"), new LegalEntityId("synthea-le"), null);

    private sealed class AnySite : ISiteDirectory, IItemCatalog
    {
        public SiteResolution? Resolve(string? organizationReference, string? locationReference, string? encounterClass, out string? reason)
        {
            reason = null;
            return Site;
        }

        public Unit? SourceUnit(SiteId site, ItemId item) => new Unit("each");
    }

    [FixtureFact]
    public void Every_synthea_bundle_maps_without_rejections_and_the_domain_accepts_it_once()
    {
        var directory = new AnySite();
        var memory = new ReferenceMemory();
        var mapper = new BundleMapper(directory, directory, new Pseudonymizer(Encoding.UTF8.GetBytes("fixture key, 16 bytes or more")), new FhirResourceParser(), memory);
        var domain = new DeciderFold();
        foreach (var item in Bundles().SelectMany(b => mapper.Map(b.Entries, Context, Site)).SelectMany(r => r.Commands).OfType<ConsumeItem>().Select(c => c.Key).Distinct())
            domain.Apply(new MapItem(item, Site.LegalEntity, "P-" + item.Item, UnitConversion.Identity(new Unit("each")), 0m, 0m,
                new SourceStamp(new SourceId("configuration"), "ItemMapping", item.ToString(), 0, "f", Context.ReceivedAt)));

        var first = Run(mapper, domain);

        Assert.Equal(0, first.Kinds.GetValueOrDefault(EntryKind.Rejected));
        Assert.Equal(0, first.Kinds.GetValueOrDefault(EntryKind.Parked));
        Assert.Equal(7672, first.Ignored.GetValueOrDefault("Observation"));
        Assert.Equal(523, first.Outcomes["RecordEncounter:Accepted"]);
        Assert.Equal(802, first.Outcomes["DraftInvoice:Accepted"]);
        Assert.Equal(1891, first.Outcomes["CaptureCharge:Accepted"]);
        Assert.Equal(523 + 279, first.Outcomes["IssueInvoice:Accepted"]);
        Assert.Equal(527, first.Outcomes["ConsumeItem:Accepted"]);
        Assert.True(first.Outcomes.GetValueOrDefault("RecordPayment:Accepted") > 0);
        Assert.DoesNotContain(first.Outcomes.Keys, k => k.EndsWith(":Rejected", StringComparison.Ordinal));
        Assert.All(domain.Invoices.Values, i => Assert.False(i.Balance.IsNegative));
        Assert.All(domain.Encounters.Values, e => Assert.True(e.BillingTriggered));

        // The same files again: every command is an exact duplicate, nothing changes.
        var second = Run(mapper, domain);
        Assert.All(second.Outcomes, o => Assert.EndsWith(":Duplicate", o.Key, StringComparison.Ordinal));
    }

    private sealed record RunSummary(Dictionary<EntryKind, int> Kinds, Dictionary<string, int> Ignored, Dictionary<string, int> Outcomes);

    private static RunSummary Run(BundleMapper mapper, DeciderFold domain)
    {
        var summary = new RunSummary([], [], []);
        foreach (var bundle in Bundles())
        {
            foreach (var result in mapper.Map(bundle.Entries, Context, Site))
            {
                summary.Kinds[result.Kind] = summary.Kinds.GetValueOrDefault(result.Kind) + 1;
                if (result.Kind == EntryKind.Ignored)
                    summary.Ignored[result.ResourceType!] = summary.Ignored.GetValueOrDefault(result.ResourceType!) + 1;
                foreach (var command in result.Commands)
                {
                    var name = $"{command.GetType().Name}:{domain.Apply(command)}";
                    summary.Outcomes[name] = summary.Outcomes.GetValueOrDefault(name) + 1;
                }
            }
        }
        return summary;
    }

    private static IEnumerable<BundleContent> Bundles() =>
        Directory.EnumerateFiles(SharedFixtures.Synthea, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(file => BundleReader.TryRead(File.ReadAllBytes(file), out var bundle, out var problem) ? bundle! : throw new InvalidOperationException(problem));
}
