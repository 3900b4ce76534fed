using System.Globalization;

namespace ActorSync.Host.Commands;

/// <summary>Times on the command line and in tables: ISO 8601, UTC unless an offset is given.</summary>
internal static class TimeArgument
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>A problem to show, or null when <paramref name="text"/> (if given) is a time.</summary>
    public static string? TryParse(string option, string? text, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
            return null;
        if (!DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return $"{option} {text} is not a time: use ISO 8601, e.g. 2026-01-05 or 2026-01-05T14:30:00Z (UTC unless an offset is given)";
        time = parsed;
        return null;
    }

    public static string Format(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";
}
