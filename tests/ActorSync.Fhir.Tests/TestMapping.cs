using System.Text;
using ActorSync.Domain.Common;
using ActorSync.Fhir.MasterData;
using ActorSync.Fhir.Mapping;
using ActorSync.Fhir.Parsing;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>Mapper tests' common ground: one site (nw-general of northwind-health) and one resource at a time.</summary>
internal static class TestMapping
{
    public static NetworkDirectory NorthwindGeneral(IReadOnlyList<string> organizations, params DepartmentRoute[] departments) =>
        new([new SiteRoute(new SiteId("nw-general"), new LegalEntityId("northwind-health"), organizations, departments)], new Dictionary<(SiteId, ItemId), Domain.Common.Unit>());

    public static BundleMapper Mapper(NetworkDirectory directory, MasterDataRegistry? registry = null) =>
        new(directory, directory, new Pseudonymizer(Encoding.UTF8.GetBytes("a test key of at least 16 bytes")), new FhirResourceParser(), new ReferenceMemory(), registry);

    public static EntryResult MapOne(BundleMapper mapper, string resource, SourceContext context) =>
        Assert.Single(mapper.Map([new BundleEntry(0, null, Encoding.UTF8.GetBytes(resource), null, null)], context, null));
}
