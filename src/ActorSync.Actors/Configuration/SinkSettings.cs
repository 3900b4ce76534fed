using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

/// <summary>When a sink sends: as soon as postings wait (window zero), or when <see cref="Size"/> wait or the oldest waited <see cref="Window"/>.</summary>
public sealed record SyncMode(string Name, TimeSpan Window, int Size);

/// <summary>The posting sinks, bound from <c>actorsync.sinks</c> (hocon/odoo.conf).</summary>
public sealed record SinkSettings(
    bool Enabled,
    int MaxPending,
    int SnapshotEvery,
    int MaxAttempts,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    IReadOnlyDictionary<PostingFlow, SyncMode> Flows,
    IReadOnlyDictionary<(LegalEntityId, PostingFlow), SyncMode> Overrides)
{
    private const string Root = "actorsync.sinks";

    public SyncMode ModeOf(SinkKey key) => Overrides.TryGetValue((key.LegalEntity, key.Flow), out var mode) ? mode : Flows[key.Flow];

    public static SinkSettings From(Config config)
    {
        var c = config.HasPath(Root) ? config.GetConfig(Root) : Config.Empty;
        var flows = Enum.GetValues<PostingFlow>().ToDictionary(f => f, f => Mode(c, $"flows.{SinkKey.FlowName(f)}", new SyncMode("real-time", TimeSpan.Zero, 100)));
        var overrides = new Dictionary<(LegalEntityId, PostingFlow), SyncMode>();
        foreach (var entity in HoconRead.Keys(c, "legal-entities"))
        {
            foreach (var flow in Enum.GetValues<PostingFlow>())
            {
                var path = $"legal-entities.{HoconRead.QuoteKey(entity)}.{SinkKey.FlowName(flow)}";
                if (c.HasPath(path))
                    overrides[(new LegalEntityId(entity), flow)] = Mode(c, path, flows[flow]);
            }
        }
        var settings = new SinkSettings(
            c.GetBoolean("enabled", true), c.GetInt("max-pending", 2000), c.GetInt("snapshot-every", 200),
            c.GetInt("retry.max-attempts", 12), c.GetTimeSpan("retry.base-delay", TimeSpan.FromSeconds(1)), c.GetTimeSpan("retry.max-delay", TimeSpan.FromMinutes(2)),
            flows, overrides);
        if (settings.MaxPending < 1 || settings.SnapshotEvery < 1 || settings.MaxAttempts < 1 || settings.BaseDelay <= TimeSpan.Zero || settings.MaxDelay < settings.BaseDelay)
            throw new ConfigurationProblem($"{Root}: max-pending, snapshot-every and retry.max-attempts must be at least 1, and retry.base-delay positive and at most retry.max-delay");
        return settings;
    }

    private static SyncMode Mode(Config c, string path, SyncMode fallback)
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
        return new SyncMode(name, window, size);
    }
}
