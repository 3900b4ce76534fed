using ActorSync.Actors.Encounters;
using ActorSync.Actors.Entities;
using ActorSync.Actors.InputExceptions;
using ActorSync.Actors.Invoices;
using ActorSync.Actors.Items;
using ActorSync.Actors.LegalEntities;
using ActorSync.Actors.MasterData;
using ActorSync.Actors.Sinks;
using ActorSync.Domain.Common;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;

namespace ActorSync.Actors.Hosting;

/// <summary>Akka.Hosting registration of the four entity shard regions; production and tests use the same.</summary>
public static class EntityRegions
{
    public static AkkaConfigurationBuilder WithActorSyncEntities(this AkkaConfigurationBuilder builder, Config config, EntitySettings settings)
    {
        var options = ShardOptionsFrom(config);
        return builder
            .WithEntityRegion<EncounterRegion, Domain.Encounters.EncounterState, Domain.Encounters.IEncounterCommand, Domain.Encounters.IEncounterEvent>(
                EncounterEntity.Definition, EncounterEntity.RoutingKey, settings, options)
            .WithEntityRegion<InvoiceRegion, Domain.Invoices.InvoiceState, Domain.Invoices.IInvoiceCommand, Domain.Invoices.IInvoiceEvent>(
                InvoiceEntity.Definition, InvoiceEntity.RoutingKey, settings, options)
            .WithEntityRegion<ItemRegion, Domain.Items.ItemState, Domain.Items.IItemCommand, Domain.Items.IItemEvent>(
                ItemEntity.Definition, ItemEntity.RoutingKey, settings, options)
            .WithEntityRegion<LegalEntityRegion, Domain.LegalEntities.LegalEntityState, Domain.LegalEntities.ILegalEntityCommand, Domain.LegalEntities.ILegalEntityEvent>(
                LegalEntityEntity.Definition, LegalEntityEntity.RoutingKey, settings, options)
            .WithEntityRegion<InputExceptionRegion, Domain.InputExceptions.InputExceptionState, Domain.InputExceptions.IInputExceptionCommand, Domain.InputExceptions.IInputExceptionEvent>(
                InputExceptionEntity.Definition, InputExceptionEntity.RoutingKey, settings, options)
            .WithEntityRegion<MasterDataRegion, Domain.MasterData.MasterDataState, Domain.MasterData.IMasterDataCommand, Domain.MasterData.IMasterDataEvent>(
                MasterDataEntity.Definition, MasterDataEntity.RoutingKey, settings, options);
    }

    public static AkkaConfigurationBuilder WithPostingSinksIf(this AkkaConfigurationBuilder builder, Config config, SinkServices? services) =>
        services is null ? builder : builder.WithPostingSinks(config, services);

    /// <summary>
    /// The posting sinks' shard region. Sinks are never passivated: each follows its journal stream
    /// and sends on its own timers; the node wakes every sink on start and again now and then, so a
    /// sink moved by a rebalance starts on its new node.
    /// </summary>
    public static AkkaConfigurationBuilder WithPostingSinks(this AkkaConfigurationBuilder builder, Config config, SinkServices services)
    {
        var options = ShardOptionsFrom(config);
        options.ShouldPassivateIdleEntities = false;
        options.PassivateIdleEntityAfter = null;
        return builder.WithShardRegion<SinkRegion>(
            SinkEntity.TypeName,
            sinkId => PostingSink.Props(sinkId, services),
            new EntityMessageExtractor(SinkEntity.TypeName, SinkEntity.RoutingKey(services.Network)),
            options);
    }

    private static AkkaConfigurationBuilder WithEntityRegion<TRegion, TState, TCommand, TEvent>(
        this AkkaConfigurationBuilder builder,
        EntityDefinition<TState, TCommand, TEvent> definition,
        Func<object, string?> routingKey,
        EntitySettings settings,
        ShardOptions options)
        where TState : class
        where TCommand : class, ICommand
        where TEvent : class, IEvent =>
        builder.WithShardRegion<TRegion>(
            definition.TypeName,
            entityId => EventSourcedEntity<TState, TCommand, TEvent>.Props(definition, entityId, settings),
            new EntityMessageExtractor(definition.TypeName, routingKey),
            options);

    /// <summary>Sharding options spelled out from <c>akka.cluster.sharding</c>, so the HOCON an operator edits is what runs.</summary>
    private static ShardOptions ShardOptionsFrom(Config config)
    {
        var sharding = config.GetConfig("akka.cluster.sharding");
        var mode = sharding.GetString("state-store-mode", "persistence");
        var passivateAfter = sharding.GetTimeSpan("passivate-idle-entity-after", TimeSpan.FromMinutes(2));
        return new ShardOptions
        {
            Role = sharding.GetString("role", null),
            StateStoreMode = mode == "ddata" ? StateStoreMode.DData : StateStoreMode.Persistence,
            JournalPluginId = sharding.GetString("journal-plugin-id", null),
            SnapshotPluginId = sharding.GetString("snapshot-plugin-id", null),
            RememberEntities = sharding.GetBoolean("remember-entities", false),
            ShouldPassivateIdleEntities = passivateAfter > TimeSpan.Zero,
            PassivateIdleEntityAfter = passivateAfter > TimeSpan.Zero ? passivateAfter : null,
            HandOffStopMessage = StopEntity.Instance,
        };
    }
}
