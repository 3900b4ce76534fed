using ActorSync.Domain.Sinks;
using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

/// <summary>
/// The reporting export, bound from <c>actorsync.reporting</c> (hocon/odoo.conf): a batch that, on
/// its schedule, reconciles the last <see cref="Days"/> days and writes them as CSV files.
/// </summary>
public sealed record ReportingSettings(bool Enabled, SyncMode Schedule, string Directory, int Days)
{
    private const string Root = "actorsync.reporting";

    /// <summary>A relative <c>directory</c> is in the node's data folder (<paramref name="dataDir"/>), which a container mounts writable.</summary>
    public static ReportingSettings From(Config config, string dataDir = "data")
    {
        var c = config.HasPath(Root) ? config.GetConfig(Root) : Config.Empty;
        var mode = c.GetString("mode", "daily");
        var schedule = mode switch
        {
            "daily" => new SyncMode(mode, TimeSpan.FromDays(1), 1, HoconRead.TimeOfDay(c, "at", Root, new TimeOnly(3, 0))),
            "hourly" => new SyncMode(mode, TimeSpan.FromHours(1), 1),
            "micro-batch" => new SyncMode(mode, c.GetTimeSpan("window", TimeSpan.FromMinutes(5)), 1),
            _ => throw new ConfigurationProblem($"{Root}.mode '{mode}' is not daily, hourly or micro-batch (with a window)"),
        };
        var days = c.GetInt("days", 1);
        if (days < 1 || schedule.Window <= TimeSpan.Zero)
            throw new ConfigurationProblem($"{Root}: days must be at least 1 and window positive");
        return new ReportingSettings(c.GetBoolean("enabled", false), schedule, Path.GetFullPath(Path.Combine(dataDir, c.GetString("directory", "exports"))), days);
    }
}
