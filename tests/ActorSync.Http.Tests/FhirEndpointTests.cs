using System.Net;
using System.Text;
using ActorSync.Actors.Entities;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.InputExceptions;
using ActorSync.Domain.Invoices;
using ActorSync.Http.Fhir;
using Hl7.Fhir.Model;
using Xunit;
using Money = ActorSync.Domain.Common.Money;
using Task = System.Threading.Tasks.Task;

namespace ActorSync.Http.Tests;

/// <summary>FHIR over real HTTP into a real node: statuses, response bundles and what became durable.</summary>
public sealed class FhirEndpointTests(IngestNodeFixture fixture) : IClassFixture<IngestNodeFixture>
{
    [Fact]
    public async Task A_batch_answers_each_entry_with_its_status_and_a_repeat_is_all_duplicates()
    {
        using var client = fixture.Client();

        var first = await PostBundleAsync(client, Samples.Bundle("batch", "-b"));
        var second = await PostBundleAsync(client, Samples.Bundle("batch", "-b"));

        Assert.Equal(Bundle.BundleType.BatchResponse, first.Type);
        Assert.Equal(["201 Created", "201 Created", "201 Created", "200 OK", "202 Accepted", "400 Bad Request"], first.Entry.Select(e => e.Response!.Status));
        Assert.Equal(["accepted", "accepted", "accepted", "ignored", "parked", "rejected"], first.Entry.Select(Verdict));
        Assert.Equal(["duplicate", "duplicate", "duplicate", "ignored", "parked", "rejected"], second.Entry.Select(Verdict));
        // Where the invalid entry is wrong, as a FHIRPath the sender can follow.
        Assert.Contains(first.Entry[5].Response!.Outcome is OperationOutcome o ? o.Issue.SelectMany(i => i.Expression) : [], e => e == "Encounter.period.start");

        var encounter = (await fixture.Node.GetStateAsync(EntityTypes.Encounter, "nw-general/enc-1-b")).StateAs<EncounterState>();
        Assert.Equal(Money.Of(320.5m, Currency.Usd), encounter.ChargesTotal);
        var invoice = (await fixture.Node.GetStateAsync(EntityTypes.Invoice, "nw-general/claim-1-b")).StateAs<InvoiceState>();
        Assert.Equal(Money.Of(70.5m, Currency.Usd), invoice.Balance);
        var parked = (await fixture.Node.GetStateAsync(EntityTypes.InputException, "northwind-ehr|Encounter/enc-2-b")).StateAs<InputExceptionState>();
        Assert.Equal(InputProblem.Unmappable, parked.Problem);
    }

    [Fact]
    public async Task A_transaction_with_an_invalid_entry_applies_nothing_and_says_which_entry()
    {
        using var client = fixture.Client();

        using var response = await client.PostAsync("fhir", IngestNodeFixture.Fhir(Samples.Bundle("transaction", "-t")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = FhirJson.Deserialize<OperationOutcome>(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("Bundle.entry[5].resource.period.start"));
        var encounter = await fixture.Node.GetStateAsync(EntityTypes.Encounter, "nw-general/enc-1-t");
        Assert.Equal(0, encounter.SequenceNr);
        // The invalid entry itself is in the exception queue.
        var invalid = (await fixture.Node.GetStateAsync(EntityTypes.InputException, "northwind-ehr|Encounter/enc-3-t")).StateAs<InputExceptionState>();
        Assert.Equal(InputProblem.Invalid, invalid.Problem);
    }

    [Fact]
    public async Task A_valid_transaction_answers_with_a_transaction_response()
    {
        using var client = fixture.Client();
        var bundle = """{"resourceType":"Bundle","type":"transaction","entry":[{"resource":@ENC,"request":{"method":"PUT","url":"Encounter/enc-tx"}}]}"""
            .Replace("@ENC", Samples.Encounter("enc-tx"), StringComparison.Ordinal);

        var response = await PostBundleAsync(client, bundle);

        Assert.Equal(Bundle.BundleType.TransactionResponse, response.Type);
        Assert.Equal("201 Created", Assert.Single(response.Entry).Response!.Status);
    }

    [Fact]
    public async Task Single_resources_are_created_repeated_and_checked_against_the_url()
    {
        using var client = fixture.Client();

        string Version(int version, string status) => Samples.Encounter("enc-single", status: status)
            .Replace("\"id\":\"enc-single\"", $"\"id\":\"enc-single\",\"meta\":{{\"versionId\":\"{version}\"}}", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("fhir/Encounter", IngestNodeFixture.Fhir(Version(1, "in-progress")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("fhir/Encounter/enc-single", IngestNodeFixture.Fhir(Version(1, "in-progress")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsync("fhir/Encounter/enc-single", IngestNodeFixture.Fhir(Version(2, "finished")))).StatusCode);

        await AssertProblemAsync(await client.PutAsync("fhir/Encounter/other-id", IngestNodeFixture.Fhir(Samples.Encounter("enc-single"))), HttpStatusCode.BadRequest, "not the id in the URL");
        await AssertProblemAsync(await client.PostAsync("fhir/Claim", IngestNodeFixture.Fhir(Samples.Encounter("enc-x"))), HttpStatusCode.BadRequest, "the URL says Claim");
        await AssertProblemAsync(await client.PostAsync("fhir/Foo", IngestNodeFixture.Fhir(Samples.Encounter("enc-x"))), HttpStatusCode.NotFound, "not a FHIR R4 resource type");
        var state = (await fixture.Node.GetStateAsync(EntityTypes.Encounter, "nw-general/enc-single")).StateAs<EncounterState>();
        Assert.Equal(EncounterStatus.Finished, state.Status);
    }

    [Fact]
    public async Task Credentials_are_required_and_checked()
    {
        using var anonymous = fixture.Client(token: null);
        using var wrong = fixture.Client("not-the-token-of-any-source");
        using var basic = fixture.Client(token: null);
        basic.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("lakeside-ehr:" + IngestNodeFixture.LakesideToken)));
        using var basicWrongUser = fixture.Client(token: null);
        basicWrongUser.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("northwind-ehr:" + IngestNodeFixture.LakesideToken)));
        var encounter = IngestNodeFixture.Fhir(Samples.Encounter("enc-auth", "Organization/lakeside-hospital"));

        using var none = await anonymous.PostAsync("fhir/Encounter", encounter);
        await AssertProblemAsync(none, HttpStatusCode.Unauthorized, "authentication required");
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertProblemAsync(await wrong.PostAsync("fhir/Encounter", encounter), HttpStatusCode.Unauthorized, "authentication required");
        await AssertProblemAsync(await basicWrongUser.PostAsync("fhir/Encounter", encounter), HttpStatusCode.Unauthorized, "authentication required");
        Assert.Equal(HttpStatusCode.Created, (await basic.PostAsync("fhir/Encounter", encounter)).StatusCode);
    }

    [Fact]
    public async Task A_source_cannot_write_for_another_networks_site()
    {
        using var lakeside = fixture.Client(IngestNodeFixture.LakesideToken);

        await AssertProblemAsync(await lakeside.PostAsync("fhir/Encounter", IngestNodeFixture.Fhir(Samples.Encounter("enc-foreign"))), HttpStatusCode.Forbidden, "may not write for site nw-general");
        var batch = await PostBundleAsync(lakeside, Samples.Bundle("batch", "-foreign"));
        Assert.Equal("403 Forbidden", batch.Entry[0].Response!.Status);
        Assert.Equal(0, (await fixture.Node.GetStateAsync(EntityTypes.Encounter, "nw-general/enc-foreign")).SequenceNr);
        using var transaction = await lakeside.PostAsync("fhir", IngestNodeFixture.Fhir(Samples.Bundle("transaction", "-foreign-t")));
        Assert.Equal(HttpStatusCode.Forbidden, transaction.StatusCode);
    }

    [Fact]
    public async Task Import_streams_ndjson_and_counts_each_line()
    {
        using var client = fixture.Client();
        var lines = new StringBuilder()
            .AppendLine(Samples.Encounter("enc-nd-1").ReplaceLineEndings(""))
            .AppendLine()
            .AppendLine("""{"resourceType":"Observation","id":"o-nd","status":"final","code":{"text":"x"}}""")
            .AppendLine("""{"resourceType":"Encounter","id":"broken" """)
            .AppendLine("{\"resourceType\":\"Observation\",\"id\":\"huge\",\"note\":[{\"text\":\"" + new string('x', IngestNodeFixture.MaxLineBytes) + "\"}]}")
            .Append(Samples.Encounter("enc-nd-2").ReplaceLineEndings(""));

        using var response = await client.PostAsync("fhir/$import", IngestNodeFixture.Fhir(lines.ToString(), "application/fhir+ndjson"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parameters = FhirJson.Deserialize<Parameters>(await response.Content.ReadAsByteArrayAsync());
        int Count(string name) => ((Integer)parameters.GetSingle(name)!.Value!).Value!.Value;
        Assert.Equal((5, 2, 2, 1), (Count("resources"), Count("accepted"), Count("rejected"), Count("ignored")));
        var outcome = (OperationOutcome)parameters.GetSingle("outcome")!.Resource!;
        Assert.Contains(outcome.Issue, i => i.Diagnostics?.StartsWith("line 4:", StringComparison.Ordinal) == true);
        Assert.Contains(outcome.Issue, i => i.Diagnostics?.StartsWith($"line 5: the line is longer than the limit of {IngestNodeFixture.MaxLineBytes:N0} bytes", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_history_bundle_parks_the_deletion_of_a_used_resource_and_ignores_that_of_another()
    {
        using var client = fixture.Client();
        var history = $$$"""
            {"resourceType":"Bundle","type":"history","entry":[
              {"fullUrl":"Encounter/enc-h-1","resource":{{{Samples.Encounter("enc-h-1")}}},"request":{"method":"PUT","url":"Encounter/enc-h-1"}},
              {"fullUrl":"Encounter/enc-h-1","request":{"method":"DELETE","url":"Encounter/enc-h-1"},"response":{"status":"204"}},
              {"fullUrl":"Observation/o-h","request":{"method":"DELETE","url":"Observation/o-h"},"response":{"status":"204"}}]}
            """;

        var answer = await PostBundleAsync(client, history);

        Assert.Equal(["accepted", "parked", "ignored"], answer.Entry.Select(Verdict));
        var parked = (await fixture.Node.GetStateAsync(EntityTypes.InputException, "northwind-ehr|Encounter/enc-h-1")).StateAs<InputExceptionState>();
        Assert.Contains("Encounter/enc-h-1 was deleted at the source", parked.Reason, StringComparison.Ordinal);
        // The encounter itself stays: a deletion is for a person to review.
        Assert.Equal(EncounterStatus.Finished, (await fixture.Node.GetStateAsync(EntityTypes.Encounter, "nw-general/enc-h-1")).StateAs<EncounterState>().Status);
    }

    [Fact]
    public async Task The_capability_statement_lists_what_the_endpoint_takes()
    {
        using var client = fixture.Client();
        using var anonymous = fixture.Client(token: null);

        using var response = await client.GetAsync("fhir/metadata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capabilities = FhirJson.Deserialize<CapabilityStatement>(await response.Content.ReadAsByteArrayAsync());
        var rest = Assert.Single(capabilities.Rest);
        Assert.Contains(rest.Resource, r => r.Type == "Encounter" && r.Interaction.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create));
        Assert.Contains(rest.Operation, o => o.Name == "import");
        await AssertProblemAsync(await anonymous.GetAsync("fhir/metadata"), HttpStatusCode.Unauthorized, "authentication required");
    }

    private static async Task<Bundle> PostBundleAsync(HttpClient client, string bundle)
    {
        using var response = await client.PostAsync("fhir", IngestNodeFixture.Fhir(bundle));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        return FhirJson.Deserialize<Bundle>(body);
    }

    private static string? Verdict(Bundle.EntryComponent entry) =>
        (entry.Response!.Outcome as OperationOutcome)?.Issue[0].Details!.Coding.Single(c => c.System == VerdictAnswers.VerdictSystem).Code;

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.StartsWith("application/fhir+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            var outcome = FhirJson.Deserialize<OperationOutcome>(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains(outcome.Issue, i => i.Diagnostics?.Contains(says, StringComparison.Ordinal) == true);
        }
    }
}
