namespace ActorSync.Host.Bench;

/// <summary>The <c>--store</c> option of the benchmarks that run on either journal.</summary>
internal static class BenchStores
{
    /// <summary>The stores asked for, or null when the value is none of sqlite, postgresql, both.</summary>
    public static string[]? Parse(string? value) => value switch
    {
        "both" => ["sqlite", "postgresql"],
        "sqlite" or "postgresql" => [value],
        _ => null,
    };
}
