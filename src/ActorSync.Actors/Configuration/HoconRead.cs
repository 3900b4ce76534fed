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

    /// <summary>A time of day (<c>HH:mm</c>, UTC) at <paramref name="key"/>, or <paramref name="fallback"/> when absent; <paramref name="path"/> names it in the error.</summary>
    public static TimeOnly? TimeOfDay(Config c, string key, string path, TimeOnly? fallback)
    {
        var text = c.GetString(key, null);
        return text is null ? fallback
            : TimeOnly.TryParseExact(text, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time) ? time
            : throw new ConfigurationProblem($"{path}.{key} '{text}' is not a time of day (HH:mm, UTC)");
    }

    public static string Required(Config c, string key, string path)
    {
        var value = c.HasPath(key) ? c.GetString(key, null) : null;
        return string.IsNullOrWhiteSpace(value) ? throw new ConfigurationProblem($"{path}.{key} is missing") : value;
    }
}
