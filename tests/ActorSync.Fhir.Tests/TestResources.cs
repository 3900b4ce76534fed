using System.Text;
using ActorSync.Domain.Common;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Hl7.Fhir.Model;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>A FHIR resource from JSON text, parsed strictly (the test fails otherwise), with the stamp a source would give it.</summary>
internal static class TestResources
{
    private static readonly FhirResourceParser Parser = new();

    public static (T Resource, SourceStamp Stamp) Read<T>(string json, SourceContext context)
        where T : Resource
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(ResourceHeader.TryRead(bytes, out var header, out var problem), problem);
        var parsed = Parser.Parse(bytes);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Issues.Select(i => i.Message)));
        return (Assert.IsType<T>(parsed.Resource), SourceStamps.For(context, header, bytes));
    }
}
