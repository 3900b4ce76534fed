using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Domain.Common;

namespace ActorSync.Actors.Serialization;

/// <summary>Writes strongly typed ids as plain strings (also as dictionary keys).</summary>
internal sealed class StringIdConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsValueType && typeof(IStringId).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StringIdConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StringIdConverter<T> : JsonConverter<T>
        where T : struct, IStringId
    {
        private static readonly Func<string, T> Create = CompileConstructor();

        private static Func<string, T> CompileConstructor()
        {
            var value = Expression.Parameter(typeof(string), "value");
            var ctor = typeof(T).GetConstructor([typeof(string)]) ?? throw new InvalidOperationException($"{typeof(T).Name} needs a constructor taking its string value");
            return Expression.Lambda<Func<string, T>>(Expression.New(ctor, value), value).Compile();
        }

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Create(reader.GetString() ?? throw new JsonException($"{typeof(T).Name} cannot be null"));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.Value);
    }
}

internal sealed class CurrencyConverter : JsonConverter<Currency>
{
    public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Currency.Of(reader.GetString());

    public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
}

internal sealed class UnitConverter : JsonConverter<Unit>
{
    public override Unit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, Unit value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
}

/// <summary>Money as <c>{"amount":"12.30","currency":"USD"}</c>: the amount is a string so no reader turns it into a double.</summary>
internal sealed class MoneyConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? amount = null, currency = null;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("money is an object with amount and currency");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "amount") amount = reader.GetString();
            else if (name == "currency") currency = reader.GetString();
        }
        if (amount is null || currency is null)
            throw new JsonException("money needs both amount and currency");
        return Money.Of(decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture), Currency.Of(currency));
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("amount", value.Amount.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("currency", value.Currency.Code);
        writer.WriteEndObject();
    }
}

/// <summary>
/// A value where only its base type is declared (commands inside a batch, postings inside sink
/// events): written as <c>{"manifest": …, "&lt;property&gt;": …}</c>, so the concrete type is read back
/// by its stable manifest, never by a .NET type name.
/// </summary>
internal sealed class ManifestedConverter<TBase>(string property) : JsonConverter<TBase>
    where TBase : class
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(TBase);

    public override TBase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var manifest = document.RootElement.GetProperty("manifest").GetString() ?? throw new JsonException($"a {property} without a manifest");
        if (!Manifests.ByManifest.TryGetValue(manifest, out var type) || !typeof(TBase).IsAssignableFrom(type))
            throw new JsonException($"'{manifest}' is not the manifest of a {property}");
        return (TBase)(document.RootElement.GetProperty(property).Deserialize(type, options) ?? throw new JsonException($"{manifest} is null"));
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("manifest", Manifests.ByType[value.GetType()]);
        writer.WritePropertyName(property);
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
        writer.WriteEndObject();
    }
}
