using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

/// <summary>The posting sinks, bound from <c>actorsync.sinks</c> (hocon/odoo.conf).</summary>
public sealed record SinkSettings(
    bool Enabled,
    int MaxPending,
    int SnapshotEvery,
    int MaxAttempts,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    IReadOnlyDictionary<PostingWorkflow, SyncMode> Workflows,
    IReadOnlyDictionary<(LegalEntityId, PostingWorkflow), SyncMode> Overrides)
{
    private const string Root = "actorsync.sinks";

    /// <summary>What a workflow runs at when HOCON does not say: the seed's model.</summary>
    public static IReadOnlyDictionary<PostingWorkflow, SyncMode> Defaults { get; } = new Dictionary<PostingWorkflow, SyncMode>
    {
        [PostingWorkflow.Billing] = new("real-time", TimeSpan.Zero, 100),
        [PostingWorkflow.Accounting] = new("micro-batch", TimeSpan.FromSeconds(2), 100),
        [PostingWorkflow.Inventory] = new("real-time", TimeSpan.Zero, 100),
        [PostingWorkflow.MasterData] = new("daily", TimeSpan.FromDays(1), 500, new TimeOnly(2, 0)),
    };

    public SyncMode ModeOf(LegalEntityId legalEntity, PostingWorkflow workflow) =>
        Overrides.TryGetValue((legalEntity, workflow), out var mode) ? mode : Workflows[workflow];

    public static SinkSettings From(Config config)
    {
        var c = config.HasPath(Root) ? config.GetConfig(Root) : Config.Empty;
        if (c.HasPath("flows"))
            throw new ConfigurationProblem($"{Root}.flows is now {Root}.workflows: billing, accounting (payments, adjustments, summaries), inventory and master-data each have their own mode");
        RequireWorkflows(c, "workflows");
        var workflows = Enum.GetValues<PostingWorkflow>().ToDictionary(w => w, w => Mode(c, w, $"workflows.{PostingWorkflows.NameOf(w)}", Defaults[w]));
        var overrides = new Dictionary<(LegalEntityId, PostingWorkflow), SyncMode>();
        foreach (var entity in HoconRead.Keys(c, "legal-entities"))
        {
            RequireWorkflows(c, $"legal-entities.{HoconRead.QuoteKey(entity)}");
            foreach (var workflow in Enum.GetValues<PostingWorkflow>())
            {
                var path = $"legal-entities.{HoconRead.QuoteKey(entity)}.{PostingWorkflows.NameOf(workflow)}";
                if (c.HasPath(path))
                    overrides[(new LegalEntityId(entity), workflow)] = Mode(c, workflow, path, workflows[workflow]);
            }
        }
        var settings = new SinkSettings(
            c.GetBoolean("enabled", true), c.GetInt("max-pending", 2000), c.GetInt("snapshot-every", 200),
            c.GetInt("retry.max-attempts", 12), c.GetTimeSpan("retry.base-delay", TimeSpan.FromSeconds(1)), c.GetTimeSpan("retry.max-delay", TimeSpan.FromMinutes(2)),
            workflows, overrides);
        if (settings.MaxPending < 1 || settings.SnapshotEvery < 1 || settings.MaxAttempts < 1 || settings.BaseDelay <= TimeSpan.Zero || settings.MaxDelay < settings.BaseDelay)
            throw new ConfigurationProblem($"{Root}: max-pending, snapshot-every and retry.max-attempts must be at least 1, and retry.base-delay positive and at most retry.max-delay");
        return settings;
    }

    private static SyncMode Mode(Config c, PostingWorkflow workflow, string path, SyncMode fallback)
    {
        var name = c.GetString($"{path}.mode", fallback.Name);
        var size = c.GetInt($"{path}.size", fallback.Size);
        if (size < 1)
            throw new ConfigurationProblem($"{Root}.{path}.size must be at least 1");
        var window = name switch
        {
            "real-time" => TimeSpan.Zero,
            "micro-batch" => c.GetTimeSpan($"{path}.window", fallback.Window > TimeSpan.Zero ? fallback.Window : TimeSpan.FromSeconds(2)),
            "hourly" => TimeSpan.FromHours(1),
            "daily" => TimeSpan.FromDays(1),
            _ => throw new ConfigurationProblem($"{Root}.{path}.mode '{name}' is not real-time, micro-batch, hourly or daily"),
        };
        var at = HoconRead.TimeOfDay(c, $"{path}.at", Root, fallback.At);
        if (name == "real-time" && workflow == PostingWorkflow.MasterData)
            throw new ConfigurationProblem($"{Root}.{path}.mode: master data runs on a schedule (daily, hourly, or micro-batch with a window), not real-time");
        return new SyncMode(name, window, size, at);
    }

    /// <summary>A key that names no workflow (an old <c>revenue</c>, a typo) would be ignored without a word: refuse it.</summary>
    private static void RequireWorkflows(Config c, string path)
    {
        var names = Enum.GetValues<PostingWorkflow>().Select(PostingWorkflows.NameOf).ToList();
        foreach (var key in HoconRead.Keys(c, path).Where(k => !names.Contains(k)))
            throw new ConfigurationProblem($"{Root}.{path}.{key} is not a workflow: {string.Join(", ", names)}");
    }
}
