using ActorSync.Actors.Ingest;

namespace ActorSync.Http.Fhir;

/// <summary>The counts of an import by name, as <c>$import</c> answers them and <c>actorsync import --json</c> prints them.</summary>
public static class ImportCounts
{
    public static IEnumerable<(string Name, int Value)> Fields(IngestCounts counts) =>
    [
        ("resources", counts.Resources), ("accepted", counts.Accepted), ("duplicates", counts.Duplicates), ("outOfOrder", counts.OutOfOrder),
        ("rejected", counts.Rejected), ("parked", counts.Parked), ("ignored", counts.Ignored),
    ];
}
