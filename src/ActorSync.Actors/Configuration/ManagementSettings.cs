using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

/// <summary>What an operator of the management API may do. Viewers read; operators also act on the cluster and the exception queue; approvers also approve and reject postings.</summary>
[Flags]
public enum OperatorRoles
{
    None = 0,
    Viewer = 1,
    Operator = 2,
    Approver = 4,
}

public sealed record OperatorSettings(string Name, OperatorRoles Roles, byte[]? CredentialSha256);

/// <summary>The management API (<c>actorsync.management</c>): where it listens and who may use it, with which roles.</summary>
public sealed record ManagementSettings(bool Enabled, string Hostname, int Port, IReadOnlyList<OperatorSettings> Operators)
{
    private const string Root = "actorsync.management";

    public static (ManagementSettings Settings, IReadOnlyList<string> Warnings) From(Config config, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!config.HasPath(Root))
            return (new ManagementSettings(false, "127.0.0.1", 9110, []), []);
        var c = config.GetConfig(Root);
        var warnings = new List<string>();
        var operators = HoconRead.Keys(c, "operators").Select(name =>
        {
            var path = $"{Root}.operators.{name}";
            var o = c.GetConfig($"operators.{HoconRead.QuoteKey(name)}");
            var roles = (o.HasPath("roles") ? o.GetStringList("roles") : throw new ConfigurationProblem($"{path}.roles is missing (viewer, operator, approver)"))
                .Aggregate(OperatorRoles.None, (all, role) => all | Role(role, path));
            return new OperatorSettings(name, roles, SourceSettings.Credential(o, path, environment, warnings));
        }).ToList();
        var port = c.GetInt("port", 9110);
        if (port is < 0 or > 65535)
            throw new ConfigurationProblem($"{Root}.port {port} is not a port");
        if (c.GetBoolean("enabled", true) && operators.All(o => o.CredentialSha256 is null))
            warnings.Add($"{Root}: no operator can authenticate (configure {Root}.operators), so every request is refused");
        return (new ManagementSettings(c.GetBoolean("enabled", true), c.GetString("hostname", "127.0.0.1"), port, operators), warnings);
    }

    private static OperatorRoles Role(string role, string path) => role switch
    {
        "viewer" => OperatorRoles.Viewer,
        "operator" => OperatorRoles.Viewer | OperatorRoles.Operator,
        "approver" => OperatorRoles.Viewer | OperatorRoles.Approver,
        _ => throw new ConfigurationProblem($"{path}.roles: '{role}' is none of viewer, operator, approver"),
    };
}
