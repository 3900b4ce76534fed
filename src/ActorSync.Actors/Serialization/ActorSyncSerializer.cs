using ActorSync.Domain.InputExceptions;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Runtime.Serialization;
using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using Akka.Actor;
using Akka.Serialization;

namespace ActorSync.Actors.Serialization;

/// <summary>
/// System.Text.Json with the explicit manifests of <see cref="Manifests"/>: no .NET type names in
/// the journal, so that events stay readable after refactoring and by other tools.
/// </summary>
public sealed class ActorSyncSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 7301;
    public const string Name = "actorsync-json";

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        Manifests.ByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().FullName} has no manifest; add it to {nameof(Manifests)}");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        Manifests.ByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"{manifest} deserialized to null")
            : throw new SerializationException($"Unknown manifest '{manifest}': written by a newer ActorSync?");

    private static readonly HashSet<(Type, string)> AddedLater = [(typeof(AppliedVersion), "earlier"), (typeof(InputExceptionState), "closed")];

    /// <summary>Computed properties (a balance, a routing key) are derived on read, never stored.</summary>
    private static void OnlyStoredProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
            return;
        var computed = info.Properties.Where(p => p.Set is null && p.AssociatedParameter is null).ToList();
        foreach (var property in computed)
            info.Properties.Remove(property);
        // Optional properties added later are written only when set, so what was written before keeps its bytes.
        foreach (var property in info.Properties.Where(p => AddedLater.Contains((info.Type, p.Name))))
            property.ShouldSerialize = (_, value) => value is not null;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlyStoredProperties } },
        };
        options.Converters.Add(new StringIdConverterFactory());
        options.Converters.Add(new CurrencyConverter());
        options.Converters.Add(new UnitConverter());
        options.Converters.Add(new MoneyConverter());
        options.Converters.Add(new ManifestedConverter<ICommand>("command"));
        options.Converters.Add(new ManifestedConverter<Posting>("posting"));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
