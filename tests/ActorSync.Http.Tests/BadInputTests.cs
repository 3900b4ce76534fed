using System.Net;
using System.Text;
using Xunit;

namespace ActorSync.Http.Tests;

/// <summary>
/// The bad-input corpus over HTTP: each mistake gets its status and an OperationOutcome that says
/// what is wrong, and the node goes on serving.
/// </summary>
public sealed class BadInputTests(IngestNodeFixture fixture) : IClassFixture<IngestNodeFixture>
{
    private static readonly string DeepNesting = "{\"resourceType\":\"Encounter\",\"id\":\"deep\",\"status\":\"finished\",\"class\":{\"code\":\"AMB\"},\"extension\":["
        + string.Concat(Enumerable.Repeat("{\"url\":\"http://x\",\"extension\":[", 200)) + new string(']', 1) + string.Concat(Enumerable.Repeat("}]", 200)) + "}";

    public static TheoryData<string, string, string, string, HttpStatusCode, string> Corpus() => new()
    {
        // name, path, content type, body, expected status, the outcome says
        { "truncated JSON", "fhir/Encounter", "application/fhir+json", """{"resourceType":"Encounter","id":"t","status":"fin""", HttpStatusCode.BadRequest, "not well formed" },
        { "not JSON at all", "fhir", "application/fhir+json", "hello", HttpStatusCode.BadRequest, "not well formed" },
        { "empty body", "fhir/Encounter", "application/fhir+json", "", HttpStatusCode.BadRequest, "" },
        { "wrong resourceType for the URL", "fhir/Encounter", "application/fhir+json", """{"resourceType":"Claim","id":"w"}""", HttpStatusCode.BadRequest, "the URL says Encounter" },
        { "a resourceType FHIR R4 does not have", "fhir/Encountr", "application/fhir+json", """{"resourceType":"Encountr","id":"w"}""", HttpStatusCode.NotFound, "not a FHIR R4 resource type" },
        { "STU3-only field", "fhir/Encounter", "application/fhir+json", """{"resourceType":"Encounter","id":"s3","status":"finished","class":{"code":"AMB"},"reason":[{"text":"STU3 name"}]}""", HttpStatusCode.BadRequest, "reason" },
        { "invalid date", "fhir/Encounter", "application/fhir+json", """{"resourceType":"Encounter","id":"d","status":"finished","class":{"code":"AMB"},"period":{"start":"2026-02-30T25:00:00Z"}}""", HttpStatusCode.BadRequest, "period.start" },
        { "missing required elements", "fhir/Encounter", "application/fhir+json", """{"resourceType":"Encounter","id":"m"}""", HttpStatusCode.BadRequest, "minimum cardinality" },
        { "deep nesting", "fhir/Encounter", "application/fhir+json", DeepNesting, HttpStatusCode.BadRequest, "" },
        { "a body over the limit", "fhir", "application/fhir+json", "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"id\":\"" + new string('x', IngestNodeFixture.MaxBodyBytes) + "\"}", HttpStatusCode.RequestEntityTooLarge, "larger than this endpoint accepts" },
        { "not FHIR JSON", "fhir", "text/plain", "{}", HttpStatusCode.UnsupportedMediaType, "not accepted here" },
        { "a Bundle type not taken", "fhir", "application/fhir+json", """{"resourceType":"Bundle","type":"searchset"}""", HttpStatusCode.BadRequest, "Bundle.type 'searchset'" },
        { "a single resource sent as a Bundle", "fhir", "application/fhir+json", Samples.Encounter("as-bundle"), HttpStatusCode.BadRequest, "POST /fhir takes a Bundle" },
        { "an unknown site", "fhir/Encounter", "application/fhir+json", Samples.Encounter("unknown-site", "Organization/nowhere"), HttpStatusCode.Accepted, "Organization/nowhere" },
        { "an unknown route", "fhir/Encounter/x/y", "application/fhir+json", "{}", HttpStatusCode.NotFound, "is not an endpoint" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_input_gets_its_status_and_an_OperationOutcome_and_the_node_keeps_serving(string name, string path, string mediaType, string body, HttpStatusCode status, string says)
    {
        using var client = fixture.Client();

        var response = await client.PostAsync(path, IngestNodeFixture.Fhir(body, mediaType));

        await FhirEndpointTests.AssertProblemAsync(response, status, says);
        var after = await client.PostAsync("fhir/Encounter", IngestNodeFixture.Fhir(Samples.Encounter("after-" + name.Replace(' ', '-'))));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_without_a_length_to_check()
    {
        using var client = fixture.Client();
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"id\":\"" + new string('y', IngestNodeFixture.MaxBodyBytes) + "\"}")));
        body.Headers.ContentType = new("application/fhir+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "fhir") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        await FhirEndpointTests.AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "larger than this endpoint accepts");
    }
}
