using ActorSync.Tests.Shared;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>
/// The third-party FHIR data in ../shared/fixtures/fhir (beside the clone), read in place and never
/// copied into the repository. Where it is absent, the tests that need it say so and skip.
/// </summary>
internal static class SharedFixtures
{
    public static string? Folder { get; } = SharedFolder.Find("fixtures", "fhir");

    public static string Synthea => Path.Combine(Folder!, "synthea");
    public static string Ndjson => Path.Combine(Folder!, "ndjson");
}

/// <summary>A fact on the shared FHIR fixtures: skipped, with the reason, where they are absent.</summary>
public sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute()
    {
        if (SharedFixtures.Folder is null)
            Skip = "../shared/fixtures/fhir is not beside this clone: third-party FHIR fixture test skipped";
    }
}
