using System.Text;
using ActorSync.Actors.Entities;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Ingest;
using ActorSync.Actors.Tests.Support;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.InputExceptions;
using ActorSync.Domain.Invoices;
using ActorSync.Fhir.Parsing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ActorSync.Actors.Tests.Ingest;

/// <summary>FHIR into the sharded entities of a real node: counted per resource, answered after persist, repeats are duplicates.</summary>
public sealed class IngestSessionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private const string Bundle = """
        {"resourceType":"Bundle","type":"transaction","entry":[
          {"fullUrl":"urn:uuid:e-1","resource":{"resourceType":"Encounter","id":"enc-1","status":"finished","class":{"code":"EMER"},
             "subject":{"reference":"urn:uuid:p-1"},"period":{"start":"2026-03-14T09:00:00Z","end":"2026-03-14T11:00:00Z"},
             "serviceProvider":{"reference":"Organization?identifier=http://hl7.org/fhir/sid/us-npi|1013100001"}}},
          {"fullUrl":"urn:uuid:c-1","resource":{"resourceType":"Claim","id":"claim-1","status":"active","type":{"coding":[{"code":"institutional"}]},
             "use":"claim","patient":{"reference":"urn:uuid:p-1"},"created":"2026-03-14T11:00:00Z","provider":{"reference":"Organization/nw-general"},
             "priority":{"coding":[{"code":"normal"}]},"insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Medicare"}}],
             "item":[{"sequence":1,"productOrService":{"text":"Emergency visit"},"encounter":[{"reference":"urn:uuid:e-1"}]},
                     {"sequence":2,"productOrService":{"text":"Sutures"},"net":{"value":80.5,"currency":"USD"}}],
             "total":{"value":240,"currency":"USD"}}},
          {"fullUrl":"urn:uuid:b-1","resource":{"resourceType":"ExplanationOfBenefit","id":"eob-1","status":"active","type":{"coding":[{"code":"institutional"}]},
             "use":"claim","patient":{"reference":"urn:uuid:p-1"},"created":"2026-03-20T10:00:00Z","insurer":{"display":"Medicare"},
             "provider":{"reference":"Practitioner/1"},"claim":{"reference":"urn:uuid:c-1"},"outcome":"complete",
             "insurance":[{"focal":true,"coverage":{"display":"Medicare"}}],"payment":{"amount":{"value":250,"currency":"USD"}}}},
          {"fullUrl":"urn:uuid:o-1","resource":{"resourceType":"Observation","id":"obs-1","status":"final","code":{"text":"x"}}},
          {"fullUrl":"urn:uuid:e-2","resource":{"resourceType":"Encounter","id":"enc-2","status":"finished","class":{"code":"AMB"},
             "serviceProvider":{"reference":"Organization/elsewhere"}}},
          {"fullUrl":"urn:uuid:e-3","resource":{"resourceType":"Encounter","id":"enc-3","status":"finished","period":{"start":"2026-13-45"}}}]}
        """;

    [Fact]
    public async Task A_bundle_is_counted_per_resource_and_repeating_it_changes_nothing()
    {
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        var session = await NewSession(node);
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(Bundle), out var bundle, out _));

        var first = (await session.IngestAsync(bundle!.Entries)).Counts;
        var second = (await session.IngestAsync(bundle.Entries)).Counts;

        Assert.Equal(new IngestCounts(Accepted: 3, Duplicates: 0, OutOfOrder: 0, Rejected: 1, Parked: 1, Ignored: 1), first);
        Assert.Equal(new IngestCounts(Accepted: 0, Duplicates: 3, OutOfOrder: 0, Rejected: 1, Parked: 1, Ignored: 1), second);
        Assert.Equal(6, first.Resources);

        var encounter = (await node.GetStateAsync(EntityTypes.Encounter, "nw-general/enc-1")).StateAs<EncounterState>();
        Assert.Equal((EncounterStatus.Finished, new DepartmentId("emergency")), (encounter.Status, encounter.Department));
        Assert.Equal(Money.Of(320.5m, Currency.Usd), encounter.ChargesTotal);
        var invoice = (await node.GetStateAsync(EntityTypes.Invoice, "nw-general/claim-1")).StateAs<InvoiceState>();
        Assert.Equal((InvoiceStatus.Issued, Money.Of(70.5m, Currency.Usd)), (invoice.Status, invoice.Balance));

        var parked = (await node.GetStateAsync(EntityTypes.InputException, "import|Encounter/enc-2")).StateAs<InputExceptionState>();
        Assert.Equal(InputProblem.Unmappable, parked.Problem);
        Assert.Contains("Organization/elsewhere", parked.Reason, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"enc-2\"", parked.Payload, StringComparison.Ordinal);
        Assert.Equal(1, parked.TimesParked);
        var invalid = (await node.GetStateAsync(EntityTypes.InputException, "import|Encounter/enc-3")).StateAs<InputExceptionState>();
        Assert.Equal(InputProblem.Invalid, invalid.Problem);
    }

    [Fact]
    public async Task A_payment_the_invoice_refuses_is_parked_with_the_entity_reason()
    {
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        var overpaid = Bundle.Replace("\"value\":250", "\"value\":999", StringComparison.Ordinal);
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(overpaid), out var bundle, out _));

        var counts = (await (await NewSession(node)).IngestAsync(bundle!.Entries)).Counts;

        Assert.Equal(2, counts.Parked);
        var parked = (await node.GetStateAsync(EntityTypes.InputException, "import|ExplanationOfBenefit/eob-1")).StateAs<InputExceptionState>();
        Assert.Contains("exceeds the open balance", parked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Master_data_received_before_a_restart_still_resolves_references_after_it()
    {
        const string organization = """
            {"resourceType":"Organization","id":"org-77","name":"Northwind General","identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"1013100001"}]}
            """;
        const string encounter = """
            {"resourceType":"Encounter","id":"enc-77","status":"in-progress","class":{"code":"EMER"},"serviceProvider":{"reference":"Organization/org-77"}}
            """;
        await using (var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path)))
            Assert.Equal(1, (await (await NewSession(node)).IngestAsync([Entry(organization)])).Counts.Accepted);

        await using var restarted = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        var counts = (await (await NewSession(restarted)).IngestAsync([Entry(encounter)])).Counts;

        Assert.Equal(1, counts.Accepted);
        var state = (await restarted.GetStateAsync(EntityTypes.Encounter, "nw-general/enc-77")).StateAs<EncounterState>();
        Assert.Equal(new DepartmentId("emergency"), state.Department);
    }

    [Fact]
    public async Task Ndjson_lines_past_the_first_batch_are_parked_by_their_line_not_their_place_in_the_batch()
    {
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        // The second batch of an NDJSON file: entries numbered by line (1000, 1001), not from 0.
        IReadOnlyList<BundleEntry> batch =
        [
            Entry("""{"resourceType":"Observation","id":"o-1000","status":"final","code":{"text":"x"}}""") with { Index = 1000 },
            Entry("""{"resourceType":"Encounter","id":"bad-1001","status":"finished","period":{"start":"2026-13-45"}}""") with { Index = 1001 },
        ];

        var report = await (await NewSession(node)).IngestAsync(batch);

        Assert.Equal([IngestVerdict.Ignored, IngestVerdict.Rejected], report.Outcomes.Select(o => o.Verdict));
        Assert.Equal([1000, 1001], report.Outcomes.Select(o => o.Index));
        var parked = (await node.GetStateAsync(EntityTypes.InputException, "import|Encounter/bad-1001")).StateAs<InputExceptionState>();
        Assert.Contains("2026-13-45", parked.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_eob_after_a_restart_still_finds_the_invoice_its_claim_drafted_before_it()
    {
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(Bundle), out var bundle, out _));
        await using (var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path)))
            Assert.Equal(2, (await (await NewSession(node)).IngestAsync(bundle!.Entries.Take(2).ToList())).Counts.Accepted);
        // The EOB arrives days later, on its own, naming the claim by its literal id.
        var eob = Encoding.UTF8.GetString(bundle!.Entries[2].Resource!).Replace("urn:uuid:c-1", "Claim/claim-1", StringComparison.Ordinal);

        await using var restarted = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        var counts = (await (await NewSession(restarted)).IngestAsync([Entry(eob)])).Counts;

        Assert.Equal(1, counts.Accepted);
        var invoice = (await restarted.GetStateAsync(EntityTypes.Invoice, "nw-general/claim-1")).StateAs<InvoiceState>();
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
    }

    [Fact]
    public async Task Versions_of_one_resource_in_one_request_reach_its_entity_in_the_order_sent()
    {
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        var session = await NewSession(node);
        string Version(int v) => $$$"""
            {"resourceType":"Encounter","id":"enc-v","meta":{"versionId":"{{{v}}}"},"status":"{{{(v < 20 ? "in-progress" : "finished")}}}","class":{"code":"AMB"},
             "period":{"start":"2026-03-14T09:00:00Z","end":"2026-03-14T09:{{{v:00}}}:00Z"},"serviceProvider":{"reference":"Organization/nw-general"}}
            """;

        var counts = (await session.IngestAsync([.. Enumerable.Range(1, 20).Select(v => Entry(Version(v)) with { Index = v - 1 })])).Counts;

        Assert.Equal(new IngestCounts(Accepted: 20, Duplicates: 0, OutOfOrder: 0, Rejected: 0, Parked: 0, Ignored: 0), counts);
        var encounter = (await node.GetStateAsync(EntityTypes.Encounter, "nw-general/enc-v")).StateAs<EncounterState>();
        Assert.Equal(EncounterStatus.Finished, encounter.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 20, 0, TimeSpan.Zero), encounter.Period.End);
    }

    [Fact]
    public async Task A_parked_entry_keeps_its_references_to_other_entries_literal_so_that_it_can_be_retried_alone()
    {
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        var session = await NewSession(node);
        // The claim's provider is no site of the network: the claim parks, and the EOB that names it by urn:uuid waits for it.
        var bundle = Bundle.Replace("\"provider\":{\"reference\":\"Organization/nw-general\"}", "\"provider\":{\"reference\":\"Organization/elsewhere\"}", StringComparison.Ordinal);
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(bundle), out var read, out _));

        await session.IngestAsync(read!.Entries);

        var eob = (await node.GetStateAsync(EntityTypes.InputException, "import|ExplanationOfBenefit/eob-1")).StateAs<InputExceptionState>();
        Assert.Contains("\"Claim/claim-1\"", eob.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("urn:uuid:c-1", eob.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_eob_that_came_before_its_claim_waits_and_goes_in_once_the_claim_is_drafted()
    {
        await using var node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path));
        var session = await NewSession(node);
        Assert.True(BundleReader.TryRead(Encoding.UTF8.GetBytes(Bundle), out var bundle, out _));
        var eob = Encoding.UTF8.GetString(bundle!.Entries[2].Resource!).Replace("urn:uuid:c-1", "Claim/claim-1", StringComparison.Ordinal);

        Assert.Equal(1, (await session.IngestAsync([Entry(eob)])).Counts.Parked);
        Assert.Equal(2, (await session.IngestAsync(bundle.Entries.Take(2).ToList())).Counts.Accepted);

        var invoice = (await node.GetStateAsync(EntityTypes.Invoice, "nw-general/claim-1")).StateAs<InvoiceState>();
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        var entry = (await node.GetStateAsync(EntityTypes.InputException, "import|ExplanationOfBenefit/eob-1")).StateAs<InputExceptionState>();
        Assert.False(entry.IsOpen);
        Assert.True(entry.Closed!.Applied);
        Assert.StartsWith("actorsync", entry.Closed.By, StringComparison.Ordinal);
    }

    private static BundleEntry Entry(string json) => new(0, null, Encoding.UTF8.GetBytes(json), null, null);

    private static Task<IngestSession> NewSession(ActorSyncNode node) => IngestSession.StartAsync(node, new SourceId("import"), null, 16);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
