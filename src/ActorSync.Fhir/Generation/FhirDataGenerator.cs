using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ActorSync.Fhir.Generation;

/// <summary>
/// Sample FHIR R4 data for a configured network, shaped like what Synthea and EHRs send: one
/// transaction Bundle per site and day with the site's Organization, a Location per department
/// that has one, patients, finished encounters routed to departments by class or location, a
/// Synthea-style Claim per encounter, ExplanationOfBenefits for most claims, supply deliveries,
/// corrections (meta.versionId 2) and exact duplicates. Pure and deterministic: the same sites,
/// options and seed give the same bytes.
/// </summary>
public static class FhirDataGenerator
{
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static IEnumerable<GeneratedBundle> Generate(IReadOnlyList<GeneratorSite> sites, GeneratorOptions options)
    {
        if (options.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        for (var day = 0; day < options.Days; day++)
        {
            for (var site = 0; site < sites.Count; site++)
            {
                // One random stream per site and day, so that a file does not depend on how many others there are.
                var seed = unchecked((options.Seed * 1_000_003) + (site * 10_007) + day);
                var builder = new SiteDayBuilder(sites[site], options.StartDate.AddDays(day), options, new Random(seed));
                var (bundle, counts, duplicates, corrections) = builder.Build();
                yield return new GeneratedBundle(sites[site].Id, options.StartDate.AddDays(day), JsonSerializer.SerializeToUtf8Bytes(bundle, Json), counts, duplicates, corrections);
            }
        }
    }
}
