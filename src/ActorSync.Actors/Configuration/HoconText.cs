namespace ActorSync.Actors.Configuration;

/// <summary>Putting values into HOCON text safely.</summary>
public static class HoconText
{
    /// <summary>A HOCON quoted string: backslashes and quotes escaped.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
