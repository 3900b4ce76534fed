using System.Text;
using ActorSync.Fhir.Parsing;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>Malformed input gets a reason a person can act on, never an exception.</summary>
public sealed class BadInputTests
{
    private static readonly FhirResourceParser Parser = new();

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Header_reads_type_id_and_version_without_parsing_the_resource()
    {
        var json = Json("""{"resourceType":"Observation","valueQuantity":{"value":1},"id":"obs-1","meta":{"versionId":"3","lastUpdated":"2026-03-14T09:30:00Z"}}""");
        Assert.True(ResourceHeader.TryRead(json, out var header, out _));
        Assert.Equal(new ResourceHeader("Observation", "obs-1", "3", new DateTimeOffset(2026, 3, 14, 9, 30, 0, TimeSpan.Zero)), header);
        Assert.False(ResourceKinds.IsUsed(header.ResourceType));
    }

    [Theory]
    [InlineData("""{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"}""", "not well formed")]
    [InlineData("""["resourceType","Encounter"]""", "JSON object")]
    [InlineData("""{"id":"e1","status":"finished"}""", "no resourceType")]
    public void Malformed_json_is_refused_with_a_reason(string text, string reason)
    {
        Assert.False(ResourceHeader.TryRead(Json(text), out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"},"period":{"start":"2020-13-45"}}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","class":{"code":"AMB"}}""")]
    [InlineData("""{"resourceType":"Claim","id":"c1","status":"active","organization":{"reference":"Organization/1"}}""")]
    [InlineData("""{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"},"period":{"start":"2020-01-01"},"unknownThing":1}""")]
    public void Invalid_dates_missing_required_elements_stu3_fields_and_unknown_elements_are_issues(string text)
    {
        var outcome = Parser.Parse(Json(text));
        Assert.False(outcome.Succeeded);
        Assert.NotEmpty(outcome.Issues);
        Assert.All(outcome.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
    }

    [Fact]
    public void Deep_nesting_is_refused_without_a_stack_overflow()
    {
        var deep = "{\"resourceType\":\"Encounter\",\"x\":" + string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)) + "}";
        Assert.False(ResourceHeader.TryRead(Json(deep), out _, out var problem));
        Assert.Contains("not well formed", problem, StringComparison.Ordinal);
        Assert.False(Parser.Parse(Json(deep)).Succeeded);
    }

    [Fact]
    public void A_bundle_gives_its_entries_as_raw_resources_with_their_requests()
    {
        var json = Json("""
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Encounter","id":"e1"},"request":{"method":"PUT","url":"Encounter/e1"}},
              {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Observation","id":"o1"}}]}
            """);
        Assert.True(BundleReader.TryRead(json, out var bundle, out _));
        Assert.Equal("transaction", bundle!.Type);
        Assert.Equal(2, bundle.Entries.Count);
        Assert.Equal(("urn:uuid:1", "PUT", "Encounter/e1"), (bundle.Entries[0].FullUrl, bundle.Entries[0].RequestMethod, bundle.Entries[0].RequestUrl));
        Assert.True(ResourceHeader.TryRead(bundle.Entries[1].Resource, out var header, out _));
        Assert.Equal("Observation", header.ResourceType);
        Assert.False(BundleReader.TryRead(Json("""{"resourceType":"Encounter"}"""), out _, out var problem));
        Assert.Contains("expected a Bundle", problem, StringComparison.Ordinal);
    }
}
