using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using ActorSync.Domain.Common;
using ActorSync.Odoo.Connection;
using Akka.Configuration;
using Xunit;

namespace ActorSync.Actors.Tests.Configuration;

public sealed class OdooSettingsTests : IDisposable
{
    private const string KeyVariable = "ACTORSYNC_TEST_ODOO_KEY";
    private readonly TempFolder _folder = new();

    public OdooSettingsTests() => Environment.SetEnvironmentVariable(KeyVariable, "odoo-key-from-env");

    private Config Shipped(string change) =>
        ConfigurationFactory.ParseString(change + $"\nactorsync.odoo.api-key-env = {KeyVariable}").WithFallback(ActorSyncNode.LoadConfiguration(TestNodes.Sqlite(_folder.Path)).Config);

    [Fact]
    public void The_shipped_odoo_conf_binds_to_a_json2_connection_with_its_limits()
    {
        var settings = OdooSettings.From(Shipped(""));
        var c = settings.Connection;
        Assert.Equal(OdooProtocol.Json2, c.Protocol);
        Assert.Equal(new Uri("http://127.0.0.1:8069/"), c.Url);
        Assert.Equal("actorsync", c.Database);
        Assert.Equal(TimeSpan.FromSeconds(30), c.Timeout);
        Assert.Equal(5, c.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), c.Retry.Base);
        Assert.Equal(TimeSpan.FromSeconds(15), c.CircuitBreaker.BreakDuration);
        Assert.Equal(20, c.RateLimit.PerSecond);
        Assert.Equal(100, c.BatchSize);
        Assert.Contains(KeyVariable, c.ApiKey.Origin);
        Assert.DoesNotContain("odoo-key-from-env", c.ToString());
    }

    [Fact]
    public void Each_legal_entity_posts_into_its_own_odoo_company()
    {
        var config = Shipped("");
        var targets = OdooSettings.From(config).Targets(NetworkSettings.From(config));
        Assert.Equal("Northwind Health Partners", targets(new LegalEntityId("northwind-health")).Company);
        Assert.Equal("Lakeside Care Group", targets(new LegalEntityId("lakeside-care")).Company);
        Assert.Throws<ConfigurationProblem>(() => targets(new LegalEntityId("elsewhere")));
    }

    [Theory]
    [InlineData("actorsync.odoo.protocol = xml-rpc", "actorsync.odoo.protocol 'xml-rpc' is neither json-2 nor json-rpc")]
    [InlineData("actorsync.odoo.url = \"http://admin:pw@odoo:8069\"", "actorsync.odoo.url")]
    [InlineData("actorsync.odoo.batch-size = 0", "batch-size")]
    [InlineData("actorsync.odoo.timeout = 0s", "actorsync.odoo.timeout must be longer than zero")]
    [InlineData("actorsync.odoo.api-key-env = ACTORSYNC_TEST_NOT_SET_ANYWHERE", "ACTORSYNC_TEST_NOT_SET_ANYWHERE, which is not set")]
    [InlineData("actorsync.odoo.api-key-file = /nonexistent/odoo-key", "/nonexistent/odoo-key does not exist")]
    public void A_bad_odoo_setting_names_the_key(string change, string expected)
    {
        var config = ConfigurationFactory.ParseString(change).WithFallback(Shipped(""));
        Assert.Contains(expected, Assert.Throws<ConfigurationProblem>(() => OdooSettings.From(config)).Message);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(KeyVariable, null);
        _folder.Dispose();
    }
}
