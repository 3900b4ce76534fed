using ActorSync.Domain.Common;
using ActorSync.Odoo.Connection;
using ActorSync.Odoo.Lookup;
using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

/// <summary>The Odoo connection, bound from <c>actorsync.odoo</c>; the API key is read from the environment or a file here.</summary>
public sealed record OdooSettings(OdooConnectionSettings Connection, string ConsumptionLocation)
{
    private const string Root = "actorsync.odoo";

    public static OdooSettings From(Config config)
    {
        if (!config.HasPath(Root))
            throw new ConfigurationProblem($"{Root} is missing (see hocon/odoo.conf)");
        var c = config.GetConfig(Root);
        var url = HoconRead.Required(c, "url", Root);
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
            throw new ConfigurationProblem($"{Root}.url '{url}' is not an http(s) address without credentials");
        var protocol = HoconRead.Required(c, "protocol", Root) switch
        {
            "json-2" => OdooProtocol.Json2,
            "json-rpc" => OdooProtocol.JsonRpc,
            var other => throw new ConfigurationProblem($"{Root}.protocol '{other}' is neither json-2 nor json-rpc"),
        };
        var connection = new OdooConnectionSettings
        {
            Url = uri,
            Database = HoconRead.Required(c, "database", Root),
            Login = HoconRead.Required(c, "login", Root),
            ApiKey = Secret(c),
            Protocol = protocol,
            Timeout = Positive(c, "timeout", TimeSpan.FromSeconds(30)),
            MaxConnections = c.GetInt("max-connections", 4),
            BatchSize = c.GetInt("batch-size", 100),
            RequestTimeLimit = c.HasPath("request-time-limit") ? c.GetTimeSpan("request-time-limit") : TimeSpan.FromSeconds(120),
            Retry = new RetrySettings(c.GetInt("retry.max-attempts", 5), Positive(c, "retry.base-delay", TimeSpan.FromMilliseconds(200)), Positive(c, "retry.max-delay", TimeSpan.FromSeconds(10))),
            CircuitBreaker = new CircuitBreakerSettings(c.GetDouble("circuit-breaker.failure-ratio", 0.5), c.GetInt("circuit-breaker.minimum-throughput", 10),
                Positive(c, "circuit-breaker.sampling-duration", TimeSpan.FromSeconds(30)), Positive(c, "circuit-breaker.break-duration", TimeSpan.FromSeconds(15))),
            RateLimit = new RateLimitSettings(c.GetDouble("rate-limit.per-second", 20), c.GetInt("rate-limit.burst", 20)),
        };
        if (connection.MaxConnections < 1 || connection.BatchSize < 1 || connection.Retry.MaxAttempts < 1)
            throw new ConfigurationProblem($"{Root}: max-connections, batch-size and retry.max-attempts must be at least 1");
        if (connection.CircuitBreaker.FailureRatio is <= 0 or > 1)
            throw new ConfigurationProblem($"{Root}.circuit-breaker.failure-ratio must be in (0, 1]");
        return new OdooSettings(connection, c.GetString("consumption-location", OdooTarget.DefaultConsumptionLocation));
    }

    /// <summary>Where each legal entity's postings go: its Odoo company (network.conf) and the consumption location.</summary>
    public Func<LegalEntityId, OdooTarget> Targets(NetworkSettings network) => id =>
        network.LegalEntities.TryGetValue(id, out var profile)
            ? new OdooTarget(profile.OdooCompany, ConsumptionLocation)
            : throw new ConfigurationProblem($"legal entity {id} is not in actorsync.network");

    private static OdooSecret Secret(Config c)
    {
        try
        {
            if (c.GetString("api-key-file", null) is { Length: > 0 } file)
                return OdooSecret.FromFile(file);
            if (c.GetString("api-key-env", null) is { Length: > 0 } variable)
                return OdooSecret.FromEnvironment(variable);
        }
        catch (OdooConfigurationException e)
        {
            throw new ConfigurationProblem($"{Root}: {e.Message}");
        }
        throw new ConfigurationProblem($"{Root}: set api-key-env (an environment variable) or api-key-file");
    }

    private static TimeSpan Positive(Config c, string key, TimeSpan fallback)
    {
        var value = c.HasPath(key) ? c.GetTimeSpan(key) : fallback;
        return value > TimeSpan.Zero ? value : throw new ConfigurationProblem($"{Root}.{key} must be longer than zero");
    }
}
