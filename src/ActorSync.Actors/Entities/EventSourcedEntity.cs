using ActorSync.Actors.Telemetry;
using System.Collections.Immutable;
using System.Text.Json;
using ActorSync.Actors.Serialization;
using ActorSync.Domain.Common;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace ActorSync.Actors.Entities;

/// <summary>
/// The one persistent actor behind every entity type: it recovers state by applying events, asks the
/// pure decider what a command means, persists the resulting events with tags, and replies only from
/// the persist callback, so a sender never hears "accepted" before the journal has the events.
/// Idle entities are passivated by sharding (<c>passivate-idle-entity-after</c>).
/// </summary>
public sealed class EventSourcedEntity<TState, TCommand, TEvent> : UntypedPersistentActor
    where TState : class
    where TCommand : class, ICommand
    where TEvent : class, IEvent
{
    private readonly EntityDefinition<TState, TCommand, TEvent> _definition;
    private readonly string _entityId;
    private readonly EntitySettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private TState _state;
    // Persist stashes further commands until its callbacks ran, so at most one command (or batch) is in flight.
    private IActorRef? _inFlight;
    private int? _inFlightBatch;

    public EventSourcedEntity(EntityDefinition<TState, TCommand, TEvent> definition, string entityId, EntitySettings settings)
    {
        _definition = definition;
        _entityId = entityId;
        _settings = settings;
        _state = definition.Decider.Initial;
    }

    public override string PersistenceId => _definition.PersistenceId(_entityId);

    protected override void PreStart()
    {
        ActorSyncMetrics.EntityStarted(_definition.TypeName);
        base.PreStart();
    }

    protected override void PostStop()
    {
        ActorSyncMetrics.EntityStopped(_definition.TypeName);
        base.PostStop();
    }

    // Reflection-based props: an expression-based Props.Create would compile code for every entity started.
    public static Props Props(EntityDefinition<TState, TCommand, TEvent> definition, string entityId, EntitySettings settings) =>
        Akka.Actor.Props.Create(typeof(EventSourcedEntity<TState, TCommand, TEvent>), definition, entityId, settings);

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                _state = (TState)offer.Snapshot;
                break;
            case TEvent e:
                _state = _definition.Decider.Apply(_state, e);
                break;
            // Journals without tag support (in-memory ones) hand back the Tagged wrapper we wrote.
            case Tagged { Payload: TEvent e }:
                _state = _definition.Decider.Apply(_state, e);
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case TCommand command:
                Handle(command);
                break;
            case CommandBatch batch:
                HandleBatch(batch.Commands);
                break;
            case StopEntity:
                Context.Stop(Self);
                break;
            case GetEntityState:
                Sender.Tell(new EntityStateReply(_entityId, Manifests.ByType[typeof(TState)], JsonSerializer.Serialize(_state, ActorSyncSerializer.Options), LastSequenceNr));
                break;
            case SaveSnapshotSuccess saved:
                // Older snapshots are superseded; events are never deleted (the journal is the audit trail).
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure failed:
                _log.Warning(failed.Cause, "Snapshot of {0} at {1} failed; recovery will replay more events", PersistenceId, failed.Metadata.SequenceNr);
                break;
            case DeleteSnapshotsFailure failed:
                _log.Warning(failed.Cause, "Deleting old snapshots of {0} failed", PersistenceId);
                break;
            case DeleteSnapshotsSuccess:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private Decision<TEvent> Decide(TState state, TCommand command)
    {
        try
        {
            return _definition.Decider.Decide(state, command);
        }
        catch (DomainException ex)
        {
            // A value the canonical model cannot hold (mixed currencies, ...): the command's fault, not the entity's.
            return Decision<TEvent>.Reject(ex.Message);
        }
    }

    private void Handle(TCommand command)
    {
        var decision = Decide(_state, command);
        if (decision.Outcome != Outcome.Accepted)
        {
            Sender.Tell(new CommandReply(_entityId, decision.Outcome, decision.Reason, 0, LastSequenceNr));
            return;
        }

        _inFlight = Sender;
        _inFlightBatch = null;
        PersistThenReply(decision.Events, () => new CommandReply(_entityId, Outcome.Accepted, null, decision.Events.Count, LastSequenceNr));
    }

    /// <summary>Each command decided on the state the ones before it left; all accepted events persisted in one write.</summary>
    private void HandleBatch(IReadOnlyList<ICommand> commands)
    {
        var state = _state;
        var events = new List<TEvent>();
        var decisions = new Decision<TEvent>[commands.Count];
        for (var i = 0; i < commands.Count; i++)
        {
            decisions[i] = commands[i] is TCommand command ? Decide(state, command) : Decision<TEvent>.Reject($"{commands[i].GetType().Name} is not a command of this entity");
            foreach (var e in decisions[i].Events)
            {
                state = _definition.Decider.Apply(state, e);
                events.Add(e);
            }
        }
        CommandBatchReply Replies() => new([.. decisions.Select(d => d.Outcome == Outcome.Accepted
            ? new CommandReply(_entityId, Outcome.Accepted, null, d.Events.Count, LastSequenceNr)
            : new CommandReply(_entityId, d.Outcome, d.Reason, 0, LastSequenceNr))]);
        if (events.Count == 0)
        {
            Sender.Tell(Replies());
            return;
        }
        _inFlight = Sender;
        _inFlightBatch = commands.Count;
        PersistThenReply(events, Replies);
    }

    private void PersistThenReply(IReadOnlyList<TEvent> events, Func<object> reply)
    {
        var remaining = events.Count;
        PersistAll(events.Select(Tag), persisted =>
        {
            _state = _definition.Decider.Apply(_state, persisted is Tagged tagged ? (TEvent)tagged.Payload : (TEvent)persisted);
            if (--remaining > 0)
                return;
            ReplyInFlight(reply());
            // Snapshot when these events crossed a multiple of SnapshotEvery.
            if (LastSequenceNr / _settings.SnapshotEvery != (LastSequenceNr - events.Count) / _settings.SnapshotEvery)
                SaveSnapshot(_state);
        });
    }

    /// <summary>Only events that a flow follows are tagged: every tag is a row to write (entity types are in the persistence id).</summary>
    private object Tag(TEvent e)
    {
        var tags = _definition.Tags(e);
        if (_definition.SinkTag?.Invoke(_entityId, e) is { } sink)
            tags = tags.Add(sink);
        return tags.IsEmpty ? e : new Tagged(e, tags);
    }

    private void ReplyInFlight(object reply)
    {
        _inFlight?.Tell(reply);
        _inFlight = null;
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "The journal rejected event {0} of {1}", sequenceNr, PersistenceId);
        var rejected = new CommandReply(_entityId, Outcome.Rejected, "the journal rejected the event: " + cause.Message, 0, LastSequenceNr);
        ReplyInFlight(_inFlightBatch is { } count ? new CommandBatchReply([.. Enumerable.Repeat(rejected, count)]) : rejected);
    }

    /// <summary>The write failed (storage down): the sender gets a failure, never an acknowledgement; the entity stops and recovers on the next message.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        ReplyInFlight(new Status.Failure(new InvalidOperationException($"{PersistenceId}: the journal write failed", cause)));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}

/// <summary>
/// Everything that differs between entity types: names, decider and tags. <see cref="SinkTag"/>
/// names the posting sink's stream an event belongs to (by entity id: the site is in it).
/// </summary>
public sealed record EntityDefinition<TState, TCommand, TEvent>(
    string TypeName,
    IDecider<TState, TCommand, TEvent> Decider,
    Func<TEvent, ImmutableHashSet<string>> Tags,
    Func<string, TEvent, string?>? SinkTag = null)
    where TCommand : ICommand
    where TEvent : IEvent
{
    public string PersistenceId(string entityId) => $"{TypeName}|{entityId}";
}
