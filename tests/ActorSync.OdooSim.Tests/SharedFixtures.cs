using ActorSync.Tests.Shared;
using Xunit;

namespace ActorSync.OdooSim.Tests;

/// <summary>
/// The recordings of a real Odoo 19 in ../shared/fixtures/odoo19 (beside the clone), read in place
/// and never copied into the repository.
/// </summary>
internal static class SharedFixtures
{
    public static string? Odoo19 { get; } = SharedFolder.Find("fixtures", "odoo19");
}

/// <summary>A fact on the Odoo 19 recordings: skipped, with the reason, where they are absent.</summary>
public sealed class RecordingFactAttribute : FactAttribute
{
    public RecordingFactAttribute()
    {
        if (SharedFixtures.Odoo19 is null)
            Skip = "../shared/fixtures/odoo19 is not beside this clone: recording replay skipped";
    }
}
