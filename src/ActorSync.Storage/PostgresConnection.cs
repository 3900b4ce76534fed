using Npgsql;

namespace ActorSync.Storage;

/// <summary>Builds the PostgreSQL connection string from configuration plus a password from the environment.</summary>
public static class PostgresConnection
{
    public static string Build(string connectionString, string? passwordEnvironmentVariable)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {ex.Message}", ex);
        }
        if (!string.IsNullOrEmpty(passwordEnvironmentVariable) && Environment.GetEnvironmentVariable(passwordEnvironmentVariable) is { Length: > 0 } password)
            builder.Password = password;
        return builder.ConnectionString;
    }

    /// <summary>
    /// The connection string for the read journal's queries: no bitmap scans. They page through the
    /// journal in order (<c>ordering &gt; offset … ORDER BY ordering LIMIT n</c>, a tag filtered row by
    /// row). Planned as a bitmap scan of the whole remaining range plus a sort, every page read the
    /// rest of the table — 254 ms a page on 436,000 events, where the ordered index scan stops after
    /// n matches (4.7 ms); a session's start reads its tags through a hundred pages.
    /// </summary>
    public static string ForOrderedReads(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c enable_bitmapscan=off".Trim();
        return builder.ConnectionString;
    }

    /// <summary>The connection string with its password masked, for logs and error messages.</summary>
    public static string Redacted(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password))
            builder.Password = "***";
        return builder.ConnectionString;
    }
}
