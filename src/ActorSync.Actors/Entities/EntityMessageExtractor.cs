using Akka.Cluster.Sharding;

namespace ActorSync.Actors.Entities;

/// <summary>Routes an entity type's commands (and state queries) by the routing key their marker interface carries.</summary>
public sealed class EntityMessageExtractor(string typeName, Func<object, string?> routingKey)
    : HashCodeMessageExtractor(EntityTypes.ShardCount)
{
    public override string? EntityId(object message) => message switch
    {
        GetEntityState query when query.EntityType == typeName => query.EntityId,
        CommandBatch { Commands.Count: > 0 } batch => routingKey(batch.Commands[0]),
        _ => routingKey(message),
    };
}
