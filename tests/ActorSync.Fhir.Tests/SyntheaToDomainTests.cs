using System.Text;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Hl7.Fhir.Model;
using Xunit;
using FhirEncounter = Hl7.Fhir.Model.Encounter;

namespace ActorSync.Fhir.Tests;

/// <summary>
/// The mapping rules and the domain rules together, without actors: every Synthea bundle's
/// encounters, claims and EOBs are mapped and folded through the deciders in bundle order.
/// Nothing may be rejected, and invoices end with a balance that is never negative.
/// </summary>
public sealed class SyntheaToDomainTests
{
    private static readonly FhirResourceParser Parser = new();
    private static readonly SourceContext Context = new(new SourceId("synthea"), new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));

    private sealed class AnySite : ISiteDirectory
    {
        public SiteResolution? Resolve(string? organizationReference, string? locationReference, string? encounterClass, out string? reason)
        {
            reason = null;
            return new SiteResolution(new SiteId("synthea-site"), new LegalEntityId("synthea-le"), null);
        }
    }

    [FixtureFact]
    public void Every_synthea_encounter_claim_and_eob_is_accepted_by_the_domain_and_balances_stay_correct()
    {
        var encounterMapper = new EncounterMapper(new AnySite(), new Pseudonymizer(Encoding.UTF8.GetBytes("fixture key, 16 bytes or more")));
        var claimMapper = new ClaimMapper(new AnySite());
        var eobMapper = new ExplanationOfBenefitMapper();
        var encounters = new Dictionary<EncounterKey, EncounterState>();
        var invoices = new Dictionary<InvoiceKey, InvoiceState>();
        var outcomes = new Dictionary<string, int>();
        var rejections = new List<string>();
        var paidEobs = 0;

        foreach (var file in Directory.EnumerateFiles(SharedFixtures.Synthea, "*.json", SearchOption.AllDirectories))
        {
            Assert.True(BundleReader.TryRead(File.ReadAllBytes(file), out var bundle, out _));
            var idByFullUrl = new Dictionary<string, string>(StringComparer.Ordinal);
            var invoiceByFullUrl = new Dictionary<string, InvoiceKey>(StringComparer.Ordinal);
            foreach (var entry in bundle!.Entries)
            {
                Assert.True(ResourceHeader.TryRead(entry.Resource, out var header, out _));
                if (entry.FullUrl is not null && header.Id is not null)
                    idByFullUrl[entry.FullUrl] = header.Id;
                if (header.ResourceType is not ("Encounter" or "Claim" or "ExplanationOfBenefit"))
                    continue;
                var resource = Parser.Parse(entry.Resource).Resource!;
                var stamp = SourceStamps.For(Context, header, entry.Resource);
                if (resource is ExplanationOfBenefit { Payment.Amount.Value: > 0m })
                    paidEobs++;
                var result = resource switch
                {
                    FhirEncounter e => encounterMapper.Map(e, stamp),
                    Claim c => claimMapper.Map(c, stamp, r => idByFullUrl.GetValueOrDefault(r)),
                    ExplanationOfBenefit b => eobMapper.Map(b, stamp, r => invoiceByFullUrl.TryGetValue(r, out var k) ? k : null),
                    _ => throw new InvalidOperationException(),
                };
                var commands = Assert.IsType<MappingResult.Mapped>(result).Commands;
                foreach (var command in commands)
                {
                    var decision = Apply(command, encounters, invoices);
                    var name = $"{command.GetType().Name}:{decision}";
                    outcomes[name] = outcomes.GetValueOrDefault(name) + 1;
                    if (decision == Outcome.Rejected)
                        rejections.Add($"{Path.GetFileName(file)} {command.GetType().Name} {command.Stamp.Key}");
                }
                if (commands.FirstOrDefault() is DraftInvoice draft && entry.FullUrl is not null)
                    invoiceByFullUrl[entry.FullUrl] = draft.Key;
            }
        }

        Assert.Empty(rejections);
        Assert.Equal(523, outcomes["RecordEncounter:Accepted"]);
        Assert.Equal(802, outcomes["DraftInvoice:Accepted"]);
        Assert.Equal(1891, outcomes["CaptureCharge:Accepted"]);
        Assert.Equal(523 + 279, outcomes["IssueInvoice:Accepted"]);
        Assert.Equal(802, invoices.Values.Count(i => i.Status == InvoiceStatus.Issued));
        Assert.True(paidEobs > 0);
        Assert.Equal(paidEobs, outcomes["RecordPayment:Accepted"]);
        Assert.All(invoices.Values, i => Assert.False(i.Balance.IsNegative));
        Assert.All(encounters.Values, e => Assert.True(e.BillingTriggered));
    }

    private static Outcome Apply(ICommand command, Dictionary<EncounterKey, EncounterState> encounters, Dictionary<InvoiceKey, InvoiceState> invoices)
    {
        switch (command)
        {
            case IEncounterCommand c:
            {
                var state = encounters.GetValueOrDefault(c.Key) ?? EncounterDecider.Instance.Initial;
                var decision = EncounterDecider.Instance.Decide(state, c);
                encounters[c.Key] = decision.Events.Aggregate(state, EncounterDecider.Instance.Apply);
                return decision.Outcome;
            }
            case IInvoiceCommand c:
            {
                var state = invoices.GetValueOrDefault(c.Key) ?? InvoiceDecider.Instance.Initial;
                var decision = InvoiceDecider.Instance.Decide(state, c);
                invoices[c.Key] = decision.Events.Aggregate(state, InvoiceDecider.Instance.Apply);
                return decision.Outcome;
            }
            default:
                throw new InvalidOperationException($"unexpected {command.GetType().Name}");
        }
    }
}
