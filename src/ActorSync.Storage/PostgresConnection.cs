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

    /// <summary>The connection string with its password masked, for logs and error messages.</summary>
    public static string Redacted(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password))
            builder.Password = "***";
        return builder.ConnectionString;
    }
}
