using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

/// <summary>Reading the HOCON an operator edits, with errors that name the key to fix.</summary>
internal static class HoconRead
{
    /// <summary>The keys of the object at <paramref name="path"/>, in name order; none when it is absent.</summary>
    public static IEnumerable<string> Keys(Config config, string path) =>
        config.HasPath(path) ? config.GetConfig(path).Root.GetObject().Items.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList() : [];

    /// <summary>A key as a path segment: quoted when it holds characters a bare HOCON key cannot.</summary>
    public static string QuoteKey(string key) => key.Any(ch => !(char.IsLetterOrDigit(ch) || ch == '-' || ch == '_')) || char.IsDigit(key[0]) ? $"\"{key}\"" : key;

    public static string Required(Config c, string key, string path)
    {
        var value = c.HasPath(key) ? c.GetString(key, null) : null;
        return string.IsNullOrWhiteSpace(value) ? throw new ConfigurationProblem($"{path}.{key} is missing") : value;
    }
}
