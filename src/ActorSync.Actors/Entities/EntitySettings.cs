namespace ActorSync.Actors.Entities;

/// <summary>Knobs shared by every entity type (bound from <c>actorsync.entities</c>).</summary>
public sealed record EntitySettings(int SnapshotEvery)
{
    public static EntitySettings Default { get; } = new(100);
}
