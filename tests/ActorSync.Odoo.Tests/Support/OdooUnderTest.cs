using ActorSync.Odoo.Connection;
using ActorSync.OdooSim;
using Xunit;

namespace ActorSync.Odoo.Tests.Support;

/// <summary>
/// An Odoo the contract tests run against: the simulator, started in this process, or a real Odoo
/// named by ACTORSYNC_ODOO_URL, ACTORSYNC_ODOO_DB, ACTORSYNC_ODOO_USER and ACTORSYNC_ODOO_KEY.
/// Without those variables the real target is unavailable and its tests report themselves skipped.
/// </summary>
public abstract class OdooUnderTest(OdooProtocol protocol) : IAsyncLifetime
{
    public OdooProtocol Protocol => protocol;
    public OdooConnectionSettings? Settings { get; protected set; }
    public OdooSimulator? Simulator { get; protected set; }
    public string? SkipReason { get; protected set; }

    public OdooClient Client(Func<OdooConnectionSettings, OdooConnectionSettings>? change = null) =>
        new((change ?? (s => s))(Settings ?? throw new InvalidOperationException(SkipReason)));

    public abstract Task InitializeAsync();

    public virtual async Task DisposeAsync()
    {
        if (Simulator is not null)
            await Simulator.DisposeAsync();
    }

    /// <summary>Quick settings for tests: few retries, short waits, no rate limit.</summary>
    public static OdooConnectionSettings TestSettings(Uri url, string database, string login, string key, OdooProtocol protocol) => new()
    {
        Url = url,
        Database = database,
        Login = login,
        ApiKey = OdooSecret.Of(key),
        Protocol = protocol,
        Timeout = TimeSpan.FromSeconds(30),
        Retry = new RetrySettings(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)),
        RateLimit = new RateLimitSettings(0, 1),
        // The simulator commits before it drops an answer, never later: nothing to wait for.
        RequestTimeLimit = TimeSpan.Zero,
    };
}

/// <summary>The simulator with two companies, the way the recordings' Odoo was set up.</summary>
public class SimulatedOdoo(OdooProtocol protocol) : OdooUnderTest(protocol)
{
    public const string CompanyA = "ActorSync Hospital A Inc.";
    public const string CompanyB = "ActorSync Clinic B LLC";

    public override async Task InitializeAsync()
    {
        Simulator = await OdooSimulator.StartAsync(new SimulatorOptions
        {
            Companies = [new SimCompany(CompanyA), new SimCompany(CompanyB)],
            Users = [new SimUser("admin", "admin", "test-admin-api-key")],
        });
        Settings = TestSettings(Simulator.BaseAddress, "actorsync", "admin", "test-admin-api-key", Protocol);
    }
}

/// <summary>A real Odoo from the environment, or skipped.</summary>
public class RealOdoo(OdooProtocol protocol) : OdooUnderTest(protocol)
{
    public override Task InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("ACTORSYNC_ODOO_URL");
        var db = Environment.GetEnvironmentVariable("ACTORSYNC_ODOO_DB");
        var user = Environment.GetEnvironmentVariable("ACTORSYNC_ODOO_USER");
        var key = Environment.GetEnvironmentVariable("ACTORSYNC_ODOO_KEY");
        if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(db) || string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(key))
            SkipReason = "no real Odoo configured: set ACTORSYNC_ODOO_URL, ACTORSYNC_ODOO_DB, ACTORSYNC_ODOO_USER and ACTORSYNC_ODOO_KEY to run the contract against one";
        else
            Settings = TestSettings(new Uri(url.EndsWith('/') ? url : url + "/"), db, user, key, Protocol);
        return Task.CompletedTask;
    }
}

public sealed class SimulatedOdooJson2() : SimulatedOdoo(OdooProtocol.Json2);
public sealed class SimulatedOdooJsonRpc() : SimulatedOdoo(OdooProtocol.JsonRpc);
public sealed class RealOdooJson2() : RealOdoo(OdooProtocol.Json2);
public sealed class RealOdooJsonRpc() : RealOdoo(OdooProtocol.JsonRpc);
