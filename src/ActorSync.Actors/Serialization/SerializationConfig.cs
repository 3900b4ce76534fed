using Akka.Configuration;

namespace ActorSync.Actors.Serialization;

/// <summary>Binds our messages, events and states to <see cref="ActorSyncSerializer"/>. Code, not user HOCON: it must match the types.</summary>
public static class SerializationConfig
{
    public static Config Create()
    {
        var bindings = string.Join('\n', Manifests.Bindings.Select(t => $"\"{t.FullName}, {t.Assembly.GetName().Name}\" = {ActorSyncSerializer.Name}"));
        return ConfigurationFactory.ParseString($$"""
            akka.actor {
              serializers.{{ActorSyncSerializer.Name}} = "{{typeof(ActorSyncSerializer).FullName}}, {{typeof(ActorSyncSerializer).Assembly.GetName().Name}}"
              serialization-bindings {
                {{bindings}}
              }
            }
            """);
    }
}
