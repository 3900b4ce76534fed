namespace ActorSync.Host.Demo;

/// <summary>What <c>actorsync demo</c> was asked to do.</summary>
internal sealed record DemoOptions
{
    public required string DataDir { get; init; }
    public required string HoconFolder { get; init; }
    public IReadOnlyList<string> ConfigFiles { get; init; } = [];

    /// <summary>FHIR files to feed instead of the generated sample.</summary>
    public string? Data { get; init; }

    /// <summary>A real Odoo instead of the built-in simulator (key in ACTORSYNC_ODOO_KEY).</summary>
    public string? OdooUrl { get; init; }
    public string OdooDatabase { get; init; } = "odoo";
    public string OdooUser { get; init; } = "admin";

    public int EncountersPerDay { get; init; } = 40;
    public int Seed { get; init; } = 42;
    public TimeSpan SinkTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public bool Json { get; init; }
    public bool KeepRunning { get; init; }
}
