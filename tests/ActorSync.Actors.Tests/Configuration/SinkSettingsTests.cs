using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using Akka.Configuration;
using Xunit;

namespace ActorSync.Actors.Tests.Configuration;

/// <summary>Sync modes per workflow and per legal entity, as a user writes them in hocon/odoo.conf.</summary>
public sealed class SinkSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private SinkSettings Shipped(string change = "") =>
        SinkSettings.From(ConfigurationFactory.ParseString(change).WithFallback(ActorSyncNode.LoadConfiguration(TestNodes.Sqlite(_folder.Path)).Config));

    private static readonly LegalEntityId Northwind = new("northwind-health");
    private static readonly LegalEntityId Lakeside = new("lakeside-care");

    [Fact]
    public void The_shipped_modes_are_the_seeds_billing_real_time_accounting_micro_batches_inventory_real_time_master_data_daily()
    {
        var settings = Shipped();

        Assert.Equal(new SyncMode("real-time", TimeSpan.Zero, 100), settings.ModeOf(Northwind, PostingWorkflow.Billing));
        Assert.Equal(new SyncMode("micro-batch", TimeSpan.FromSeconds(2), 100), settings.ModeOf(Northwind, PostingWorkflow.Accounting));
        Assert.Equal(new SyncMode("real-time", TimeSpan.Zero, 100), settings.ModeOf(Northwind, PostingWorkflow.Inventory));
        Assert.Equal(new SyncMode("daily", TimeSpan.FromDays(1), 500, new TimeOnly(2, 0)), settings.ModeOf(Northwind, PostingWorkflow.MasterData));
    }

    [Fact]
    public void A_legal_entity_can_post_its_inventory_hourly_and_its_accounting_daily_while_the_others_keep_the_workflow_default()
    {
        var settings = Shipped("""
            actorsync.sinks.legal-entities {
              lakeside-care {
                inventory { mode = hourly, size = 500 }
                accounting.mode = daily
                master-data { at = "23:30" }
              }
            }
            """);

        Assert.Equal(new SyncMode("hourly", TimeSpan.FromHours(1), 500), settings.ModeOf(Lakeside, PostingWorkflow.Inventory));
        Assert.Equal(new SyncMode("daily", TimeSpan.FromDays(1), 100), settings.ModeOf(Lakeside, PostingWorkflow.Accounting));
        Assert.Equal(new TimeOnly(23, 30), settings.ModeOf(Lakeside, PostingWorkflow.MasterData).At);
        Assert.Equal("real-time", settings.ModeOf(Lakeside, PostingWorkflow.Billing).Name);
        Assert.Equal("real-time", settings.ModeOf(Northwind, PostingWorkflow.Inventory).Name);
        Assert.Equal(new TimeOnly(2, 0), settings.ModeOf(Northwind, PostingWorkflow.MasterData).At);
    }

    [Theory]
    [InlineData("actorsync.sinks.workflows.accounting.mode = weekly", "actorsync.sinks.workflows.accounting.mode 'weekly' is not real-time, micro-batch, hourly or daily")]
    [InlineData("actorsync.sinks.workflows.inventory.size = 0", "actorsync.sinks.workflows.inventory.size must be at least 1")]
    [InlineData("actorsync.sinks.workflows.master-data.at = \"2am\"", "actorsync.sinks.workflows.master-data.at '2am' is not a time of day (HH:mm, UTC)")]
    [InlineData("actorsync.sinks.flows.revenue.mode = real-time", "actorsync.sinks.flows is now actorsync.sinks.workflows")]
    [InlineData("actorsync.sinks.workflows.revenue.mode = real-time", "actorsync.sinks.workflows.revenue is not a workflow: billing, accounting, inventory, master-data")]
    [InlineData("actorsync.sinks.legal-entities.lakeside-care.revenue.mode = daily", "actorsync.sinks.legal-entities.lakeside-care.revenue is not a workflow")]
    [InlineData("actorsync.sinks.workflows.master-data.mode = real-time", "master data runs on a schedule")]
    [InlineData("actorsync.sinks.retry { base-delay = 5m, max-delay = 1m }", "retry.base-delay positive and at most retry.max-delay")]
    public void A_mistake_in_the_modes_is_named_where_it_is(string change, string message)
    {
        var problem = Assert.Throws<ConfigurationProblem>(() => Shipped(change));

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
