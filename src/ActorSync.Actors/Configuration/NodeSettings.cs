using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

/// <summary>Numbers and durations of the node's own settings, checked at start with the key in the message.</summary>
public static class NodeSettings
{
    private static readonly string[] JournalPaths = ["akka.persistence.journal.sql", "akka.persistence.journal.sharding"];
    private static readonly string[] GroupCommitKeys = ["queue-capacity", "max-rows-per-transaction", "wal-autocheckpoint"];

    /// <summary>Checks every setting the node and its journals read, before anything starts.</summary>
    public static void Validate(Config config)
    {
        PositiveInt(config, "actorsync.entities.snapshot-every", 1000);
        PositiveDuration(config, "actorsync.entities.ask-timeout", TimeSpan.FromSeconds(30));
        PositiveDuration(config, "actorsync.join-timeout", TimeSpan.FromSeconds(60));
        foreach (var journal in JournalPaths)
            foreach (var key in GroupCommitKeys)
                PositiveInt(config, $"{journal}.group-commit.{key}", 1);
    }

    public static int PositiveInt(Config config, string key, int fallback) =>
        Positive(config, key, fallback, k => config.GetInt(k), 0, "a whole number");

    public static TimeSpan PositiveDuration(Config config, string key, TimeSpan fallback) =>
        Positive(config, key, fallback, k => config.GetTimeSpan(k), TimeSpan.Zero, "a duration (e.g. 30s, 2m)");

    private static T Positive<T>(Config config, string key, T fallback, Func<string, T> read, T zero, string kind)
        where T : IComparable<T>
    {
        T value;
        try
        {
            value = config.HasPath(key) ? read(key) : fallback;
        }
        catch (Exception ex) when (ex is FormatException or ConfigurationException or OverflowException)
        {
            throw new ConfigurationProblem($"{key} = '{config.GetString(key)}' is not {kind}");
        }
        return value.CompareTo(zero) > 0 ? value : throw new ConfigurationProblem($"{key} = {value} must be positive");
    }
}
