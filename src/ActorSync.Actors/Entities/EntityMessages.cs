using ActorSync.Domain.Common;

namespace ActorSync.Actors.Entities;

/// <summary>Marker for ActorSync's own actor messages, so they travel with our serializer between nodes.</summary>
public interface IActorSyncMessage;

/// <summary>The answer to every command, sent only after its events are durable (or when there are none).</summary>
public sealed record CommandReply(string EntityId, Outcome Outcome, string? Reason, int EventCount, long SequenceNr) : IActorSyncMessage;

/// <summary>
/// Several commands for one entity (a visit's encounter, charges and completion), decided in order,
/// each on the state the ones before it left, and persisted in one write: one journal round trip
/// instead of one per command. Answered with a reply per command, after the write is durable.
/// </summary>
public sealed record CommandBatch(IReadOnlyList<ICommand> Commands) : IActorSyncMessage;

/// <summary>The replies to a <see cref="CommandBatch"/>, in its order.</summary>
public sealed record CommandBatchReply(IReadOnlyList<CommandReply> Replies) : IActorSyncMessage;

/// <summary>Ask an entity for its current state (operators, tests, read-your-writes checks).</summary>
public sealed record GetEntityState(string EntityType, string EntityId) : IActorSyncMessage;

/// <summary>The state as JSON (it may come from another node), with the manifest of its type.</summary>
public sealed record EntityStateReply(string EntityId, string StateManifest, string StateJson, long SequenceNr) : IActorSyncMessage
{
    public T StateAs<T>() => System.Text.Json.JsonSerializer.Deserialize<T>(StateJson, Serialization.ActorSyncSerializer.Options)!;
}

/// <summary>
/// How sharding stops an entity (hand-off, rebalance, passivation). A normal message, so a
/// persistent entity first finishes the write in flight and answers its sender; a PoisonPill
/// would skip the stash and lose that answer and the commands queued behind it.
/// </summary>
public sealed record StopEntity : IActorSyncMessage
{
    public static StopEntity Instance { get; } = new();
}
