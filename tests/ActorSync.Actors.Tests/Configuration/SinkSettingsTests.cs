using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using Akka.Configuration;
using Xunit;

namespace ActorSync.Actors.Tests.Configuration;

/// <summary>Sync modes per flow and per legal entity, as a user writes them in hocon/odoo.conf.</summary>
public sealed class SinkSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private SinkSettings Shipped(string change = "") =>
        SinkSettings.From(ConfigurationFactory.ParseString(change).WithFallback(ActorSyncNode.LoadConfiguration(TestNodes.Sqlite(_folder.Path)).Config));

    private static SinkKey Key(string legalEntity, PostingFlow flow) => new(new LegalEntityId(legalEntity), new SiteId("nw-general"), flow);

    [Fact]
    public void The_shipped_modes_are_micro_batches_for_revenue_and_real_time_for_inventory()
    {
        var settings = Shipped();

        Assert.Equal(new SyncMode("micro-batch", TimeSpan.FromSeconds(2), 100), settings.ModeOf(Key("northwind-health", PostingFlow.Revenue)));
        Assert.Equal(new SyncMode("real-time", TimeSpan.Zero, 100), settings.ModeOf(Key("northwind-health", PostingFlow.Inventory)));
    }

    [Fact]
    public void A_legal_entity_can_post_its_inventory_hourly_and_its_revenue_daily_while_the_others_keep_the_flow_default()
    {
        var settings = Shipped("""
            actorsync.sinks.legal-entities {
              lakeside-care {
                inventory { mode = hourly, size = 500 }
                revenue.mode = daily
              }
            }
            """);

        Assert.Equal(new SyncMode("hourly", TimeSpan.FromHours(1), 500), settings.ModeOf(Key("lakeside-care", PostingFlow.Inventory)));
        Assert.Equal(new SyncMode("daily", TimeSpan.FromDays(1), 100), settings.ModeOf(Key("lakeside-care", PostingFlow.Revenue)));
        Assert.Equal("real-time", settings.ModeOf(Key("northwind-health", PostingFlow.Inventory)).Name);
    }

    [Theory]
    [InlineData("actorsync.sinks.flows.revenue.mode = weekly", "actorsync.sinks.flows.revenue.mode 'weekly' is not real-time, micro-batch, hourly or daily")]
    [InlineData("actorsync.sinks.flows.inventory.size = 0", "actorsync.sinks.flows.inventory.size must be at least 1")]
    [InlineData("actorsync.sinks.retry { base-delay = 5m, max-delay = 1m }", "retry.base-delay positive and at most retry.max-delay")]
    public void A_mistake_in_the_modes_is_named_where_it_is(string change, string message)
    {
        var problem = Assert.Throws<ConfigurationProblem>(() => Shipped(change));

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
