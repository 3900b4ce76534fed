using ActorSync.Actors.Configuration;
using ActorSync.Actors.Encounters;
using ActorSync.Actors.Entities;
using ActorSync.Actors.InputExceptions;
using ActorSync.Actors.Invoices;
using ActorSync.Actors.Items;
using ActorSync.Actors.LegalEntities;
using ActorSync.Actors.MasterData;
using ActorSync.Actors.Projections;
using ActorSync.Actors.Reconciliation;
using ActorSync.Actors.Reporting;
using ActorSync.Actors.Serialization;
using ActorSync.Actors.Sinks;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.InputExceptions;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;
using ActorSync.Domain.LegalEntities;
using ActorSync.Domain.MasterData;
using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorSync.Actors.Hosting;

/// <summary>
/// One running ActorSync node: the actor system with its shard regions, on the configured store.
/// Ready once it has joined the cluster. The command line, tests and benchmarks all start nodes
/// through this class, so they run the same composition.
/// </summary>
public sealed class ActorSyncNode : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly SinkServices? _sinkServices;

    private ActorSyncNode(IHost host, Config config, StorageSettings storage, NetworkSettings network, TimeSpan askTimeout, SinkServices? sinkServices, IReadOnlyList<string> warnings)
    {
        _host = host;
        _sinkServices = sinkServices;
        Warnings = warnings;
        Config = config;
        Storage = storage;
        Network = network;
        AskTimeout = askTimeout;
        System = host.Services.GetRequiredService<ActorSystem>();
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        Encounters = registry.Get<EncounterRegion>();
        Invoices = registry.Get<InvoiceRegion>();
        Items = registry.Get<ItemRegion>();
        LegalEntities = registry.Get<LegalEntityRegion>();
        InputExceptions = registry.Get<InputExceptionRegion>();
        MasterData = registry.Get<MasterDataRegion>();
        Sinks = sinkServices is null ? null : registry.Get<SinkRegion>();
    }

    public ActorSystem System { get; }
    public Config Config { get; }
    public StorageSettings Storage { get; }
    public NetworkSettings Network { get; }
    public TimeSpan AskTimeout { get; }
    public IActorRef Encounters { get; }
    public IActorRef Invoices { get; }
    public IActorRef Items { get; }
    public IActorRef LegalEntities { get; }
    public IActorRef InputExceptions { get; }
    public IActorRef MasterData { get; }

    /// <summary>The posting sinks' region; null when sinks are off or Odoo is not configured (see <see cref="Warnings"/>).</summary>
    public IActorRef? Sinks { get; }

    /// <summary>What the operator should know about how this node started (e.g. why postings are not sent).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Loads and validates the configuration without starting anything.</summary>
    public static (Config Config, StorageSettings Storage, NetworkSettings Network) LoadConfiguration(NodeOptions options)
    {
        var loaded = HoconFiles.Load(options.HoconFolder, options.ConfigFiles, options.Overrides);
        var storage = StorageSettings.From(loaded, options.DataDir);
        var network = NetworkSettings.From(loaded);
        NodeSettings.Validate(loaded);
        var config = storage.ToPluginConfig().WithFallback(SerializationConfig.Create()).WithFallback(loaded);
        return (config, storage, network);
    }

    public static async Task<ActorSyncNode> StartAsync(NodeOptions options, CancellationToken cancellationToken = default)
    {
        var (config, storage, network) = LoadConfiguration(options);
        storage.Prepare();
        var entitySettings = new EntitySettings(NodeSettings.PositiveInt(config, "actorsync.entities.snapshot-every", 100));
        var askTimeout = NodeSettings.PositiveDuration(config, "actorsync.entities.ask-timeout", TimeSpan.FromSeconds(30));
        var joinTimeout = NodeSettings.PositiveDuration(config, "actorsync.join-timeout", TimeSpan.FromSeconds(60));
        var joinedCluster = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (sinkServices, warnings) = SinkServicesFrom(config, network);

        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka(config.GetString("actorsync.system-name", "actorsync"), builder =>
            {
                builder.AddHocon(config, HoconAddMode.Prepend)
                    .WithActorSyncEntities(config, entitySettings)
                    .WithPostingSinksIf(config, sinkServices)
                    .AddStartup((system, _) =>
                    {
                        var cluster = Akka.Cluster.Cluster.Get(system);
                        cluster.RegisterOnMemberUp(() => joinedCluster.TrySetResult());
                        // No seed nodes configured: this is a single node and forms its own cluster.
                        if (config.GetStringList("akka.cluster.seed-nodes").Count == 0)
                            cluster.Join(cluster.SelfAddress);
                    });
            }))
            .Build();

        await host.StartAsync(cancellationToken);
        var node = new ActorSyncNode(host, config, storage, network, askTimeout, sinkServices, warnings);
        try
        {
            await joinedCluster.Task.WaitAsync(joinTimeout, cancellationToken);
            if (options.SeedNetwork)
                await node.SeedNetworkAsync(cancellationToken);
            node.KeepSinksAwake();
            node.StartProjections();
            node.StartReporting(options.DataDir ?? config.GetString("actorsync.storage.data-dir", "data"));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return node;
    }

    /// <summary>The region an entity command goes to.</summary>
    public IActorRef RegionFor(ICommand command) => command switch
    {
        IEncounterCommand => Encounters,
        IInvoiceCommand => Invoices,
        IItemCommand => Items,
        ILegalEntityCommand => LegalEntities,
        IInputExceptionCommand => InputExceptions,
        IMasterDataCommand => MasterData,
        _ => throw new ArgumentException($"{command.GetType().Name} is not an entity command", nameof(command)),
    };

    public IActorRef RegionFor(string entityType) => entityType switch
    {
        EntityTypes.Encounter => Encounters,
        EntityTypes.Invoice => Invoices,
        EntityTypes.Item => Items,
        EntityTypes.LegalEntity => LegalEntities,
        EntityTypes.InputException => InputExceptions,
        EntityTypes.MasterData => MasterData,
        _ => throw new ArgumentException($"'{entityType}' is not an entity type ({string.Join(", ", EntityTypes.All)})", nameof(entityType)),
    };

    /// <summary>Sends a command and returns the entity's answer, which comes only once the events are durable.</summary>
    public Task<CommandReply> SendAsync(ICommand command, CancellationToken cancellationToken = default) =>
        RegionFor(command).Ask<CommandReply>(command, AskTimeout, cancellationToken);

    /// <summary>Sends one entity's commands as one batch: decided in order, persisted in one write, a reply each.</summary>
    public async Task<IReadOnlyList<CommandReply>> SendAsync(IReadOnlyList<ICommand> commands, CancellationToken cancellationToken = default) =>
        commands.Count == 1
            ? [await SendAsync(commands[0], cancellationToken)]
            : (await RegionFor(commands[0]).Ask<CommandBatchReply>(new CommandBatch(commands), AskTimeout, cancellationToken)).Replies;

    public Task<EntityStateReply> GetStateAsync(string entityType, string entityId, CancellationToken cancellationToken = default) =>
        RegionFor(entityType).Ask<EntityStateReply>(new GetEntityState(entityType, entityId), AskTimeout, cancellationToken);

    /// <summary>
    /// Configures legal entities and maps their items from the network configuration. The stamp's
    /// fingerprint is the content, so an unchanged configuration is a duplicate on every restart.
    /// </summary>
    public async Task<IReadOnlyList<CommandReply>> SeedNetworkAsync(CancellationToken cancellationToken = default)
    {
        var commands = NetworkSeed.Commands(Network, DateTimeOffset.UtcNow);
        return await Task.WhenAll(commands.Select(c => SendAsync(c, cancellationToken)));
    }

    /// <summary>Sinks run where sharding puts them: wake each now, and again every half minute (after a rebalance).</summary>
    private void KeepSinksAwake()
    {
        if (Sinks is not { } region)
            return;
        var sinks = SinkEntity.All(Network).Select(k => new WakeSink(k.ToString())).ToList();
        System.Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromSeconds(30), () => sinks.ForEach(wake => region.Tell(wake)));
    }

    /// <summary>The postings projection kept current by one node of the cluster at a time (<c>actorsync.projections</c>).</summary>
    private void StartProjections()
    {
        if (!Config.GetBoolean("actorsync.projections.postings.run-in-node", true))
            return;
        var interval = NodeSettings.PositiveDuration(Config, "actorsync.projections.postings.interval", TimeSpan.FromSeconds(1));
        System.ActorOf(ClusterSingletonManager.Props(ProjectionRunner.Props(Storage, Network, interval), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(System)), "projection-postings");
    }

    /// <summary>
    /// The reporting export (<c>actorsync.reporting</c>), by one node of the cluster at a time (the
    /// oldest). Every node offers to run it: one without Odoo's key logs why each run fails.
    /// </summary>
    private void StartReporting(string dataDir)
    {
        var settings = ReportingSettings.From(Config, dataDir);
        if (!settings.Enabled)
            return;
        System.ActorOf(ClusterSingletonManager.Props(ReportingExporter.Props(settings, (scope, ct) => ReconciliationService.RunAsync(this, scope, ct), _sinkServices?.Time ?? TimeProvider.System),
            PoisonPill.Instance, ClusterSingletonManagerSettings.Create(System)), "reporting-export");
    }

    /// <summary>Sinks need Odoo: without a usable connection (no API key yet) postings wait in the journal and go once it is configured.</summary>
    private static (SinkServices? Services, IReadOnlyList<string> Warnings) SinkServicesFrom(Config config, NetworkSettings network)
    {
        var sinks = SinkSettings.From(config);
        if (!sinks.Enabled)
            return (null, ["posting sinks are off (actorsync.sinks.enabled): postings wait in the journal"]);
        try
        {
            return (new SinkServices(network, sinks, OdooSettings.From(config)), []);
        }
        catch (ConfigurationProblem problem)
        {
            return (null, [$"posting sinks are not started, postings wait in the journal: {problem.Message}"]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _host.Dispose();
            _sinkServices?.Dispose();
        }
    }
}
