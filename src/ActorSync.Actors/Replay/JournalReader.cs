using System.Runtime.CompilerServices;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSync.Actors.Replay;

/// <summary>
/// Reads a node's journal offline: an actor system of its own with only the read journal (no
/// cluster, no entities, no sinks), so reading never writes and never posts. It can run beside a
/// node on the same SQLite file (WAL readers do not block the writer) or PostgreSQL database.
/// </summary>
public sealed class JournalReader : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly SqlReadJournal _journal;
    private readonly IMaterializer _materializer;

    private readonly bool _ownsSystem;

    private JournalReader(ActorSystem system, StorageSettings storage, NetworkSettings network, bool ownsSystem = true)
    {
        _system = system;
        _ownsSystem = ownsSystem;
        Storage = storage;
        Network = network;
        _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        _materializer = system.Materializer();
    }

    /// <summary>Where the journal is (<c>SQLite /path/actorsync.db</c>), for summaries.</summary>
    public string Description => Storage.Description;

    /// <summary>The store the journal is in (projections keep their tables beside it).</summary>
    public StorageSettings Storage { get; }

    /// <summary>The network the configuration describes (its sinks are the posting streams).</summary>
    public NetworkSettings Network { get; }

    /// <summary>Opens the journal the node with these options uses; a missing SQLite file is a <see cref="ConfigurationProblem"/>.</summary>
    public static JournalReader Open(NodeOptions options)
    {
        var (config, storage, network) = ActorSyncNode.LoadConfiguration(options);
        if (storage.SqliteFile is { } file && !File.Exists(file))
            throw new ConfigurationProblem($"there is no journal at {file} (give the node's --data-dir)");
        var readOnly = ConfigurationFactory.ParseString("akka.actor.provider = local\nakka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
        var system = ActorSystem.Create(config.GetString("actorsync.system-name", "actorsync") + "-reader", readOnly.WithFallback(config));
        return new JournalReader(system, storage, network);
    }

    /// <summary>Reads through a running node's own actor system (the management API); disposing it leaves the node alone.</summary>
    public static JournalReader On(ActorSyncNode node) => On(node.System, node.Storage, node.Network);

    /// <summary>Reads through an actor system that has the journal plugins (a node's); disposing it leaves the system alone.</summary>
    public static JournalReader On(ActorSystem system, StorageSettings storage, NetworkSettings network) => new(system, storage, network, ownsSystem: false);

    /// <summary>The events the query asks for, in offset order (by persistence id: in sequence order).</summary>
    public async IAsyncEnumerable<JournalRecord> ReadAsync(JournalQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var count = 0;
        await foreach (var record in Records(query).RunAsAsyncEnumerable(_materializer).WithCancellation(ct))
        {
            if (!query.InTimeRange(record))
                continue;
            yield return record;
            if (++count == query.Limit)
                yield break;
        }
    }

    /// <summary>Whether the persistence id or tag of the query has any event at all (regardless of time and limit).</summary>
    public async Task<bool> AnyAsync(JournalQuery query, CancellationToken ct = default)
    {
        var first = await Records(query).Take(1).RunWith(Sink.Seq<JournalRecord>(), _materializer).WaitAsync(ct);
        return first.Count > 0;
    }

    private Source<JournalRecord, Akka.NotUsed> Records(JournalQuery query)
    {
        var envelopes = query.PersistenceId is { } id ? _journal.CurrentEventsByPersistenceId(id, query.FromSequenceNr, long.MaxValue)
            : query.Tag is { } tag ? _journal.CurrentEventsByTag(tag, Offset.NoOffset())
            : _journal.CurrentAllEvents(Offset.NoOffset());
        return envelopes.Select(Record);
    }

    private static JournalRecord Record(EventEnvelope envelope) => new(
        envelope.Offset is Sequence sequence ? sequence.Value : 0,
        envelope.PersistenceId,
        envelope.SequenceNr,
        // Akka.Persistence.Sql stores the write time as UTC ticks.
        new DateTimeOffset(envelope.Timestamp, TimeSpan.Zero),
        envelope.Tags ?? [],
        envelope.Event);

    public async ValueTask DisposeAsync()
    {
        if (_ownsSystem)
            await _system.Terminate();
    }
}
