using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ActorSync.Fhir.Parsing;

/// <summary>One thing wrong with a resource, with where it is, for an OperationOutcome issue.</summary>
public sealed record ParseIssue(string Message, string? Location);

public sealed record ParseOutcome(Resource? Resource, IReadOnlyList<ParseIssue> Issues)
{
    public bool Succeeded => Resource is not null && Issues.Count == 0;
}

/// <summary>
/// Strict FHIR R4 parsing (Hl7.Fhir.R4): unknown elements, wrong cardinalities, invalid dates and
/// STU3-only fields are issues, each with its FHIR path; broken JSON is one issue. Thread-safe.
/// </summary>
public sealed class FhirResourceParser
{
    private readonly FhirJsonDeserializer _deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public ParseOutcome Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 128 });
            if (_deserializer.TryDeserializeResource(reader, out var resource, out var issues))
                return new ParseOutcome(resource, []);
            var list = issues.Select(i => new ParseIssue(i.Message, (i as Hl7.Fhir.Utility.ExtendedCodedException)?.InstancePath)).ToList();
            return new ParseOutcome(null, list.Count > 0 ? list : [new ParseIssue("the resource could not be read", null)]);
        }
        catch (JsonException ex)
        {
            return new ParseOutcome(null, [new ParseIssue($"the JSON is not well formed: {ex.Message}", ex.Path)]);
        }
    }
}
