using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>Conversions between JSON values on the wire, storage values and plain .NET values.</summary>
internal static class ValueCodec
{
    /// <summary>A field's value in storage form: stored, computed, or for one2many the rows pointing back.</summary>
    public static object? Get(Env env, Model model, Row row, FieldDef field)
    {
        if (field.Compute is not null) return field.Compute(env, row);
        if (field.Type == FieldType.One2many)
        {
            return env.Referencing(field.Comodel!, field.Inverse!, row.Id)
                .Where(r => field.InverseFilter?.Invoke(r) ?? true)
                .Select(r => r.Id).ToList();
        }
        return row[field.Name];
    }

    public static bool IsFalse(JsonNode? v) => v is null || (v is JsonValue jv && jv.GetValueKind() == JsonValueKind.False);

    /// <summary>A value sent by a client for a non-x2many field, in storage form; refuses what Odoo refuses.</summary>
    public static object? FromJson(Env env, Model model, FieldDef field, JsonNode? v)
    {
        switch (field.Type)
        {
            case FieldType.Boolean:
                return Truthy(v);
            case FieldType.Integer:
                return IsFalse(v) ? 0L : (long)Number(model, field, v);
            case FieldType.Float or FieldType.Monetary:
                return IsFalse(v) ? 0.0 : Number(model, field, v);
        }
        if (IsFalse(v)) return null;
        switch (field.Type)
        {
            case FieldType.Selection:
                var choice = Text(v!);
                if (!field.Selection!.Contains(choice))
                    throw OdooError.ValueError($"Wrong value for {model.Name}.{field.Name}: {PyRepr.Of(v)}");
                return choice;
            case FieldType.Html:
                var html = Text(v!);
                return html.TrimStart().StartsWith('<') ? html : $"<p>{html}</p>";
            case FieldType.Date:
                return ParseDate(Text(v!));
            case FieldType.Datetime:
                return ParseDatetime(Text(v!));
            case FieldType.Many2one:
                return Reference(env, model, field, v!);
            case FieldType.Json:
                return v!.DeepClone();
            default:
                return Text(v!);
        }
    }

    public static string ParseDate(string s)
    {
        var head = s.Length >= 10 ? s[..10] : s;
        if (!DateOnly.TryParseExact(head, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw OdooError.ValueError($"time data {PyRepr.Str(s)} does not match format '%Y-%m-%d'");
        return head;
    }

    public static string ParseDatetime(string s)
    {
        if (s.Length == 10) return ParseDate(s) + " 00:00:00";
        var head = s.Length >= 19 ? s[..19] : s;
        if (!DateTime.TryParseExact(head, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw OdooError.ValueError($"time data {PyRepr.Str(s)} does not match format '%Y-%m-%d %H:%M:%S'");
        return head;
    }

    private static int Reference(Env env, Model model, FieldDef field, JsonNode v)
    {
        var node = v is JsonArray pair && pair.Count > 0 ? pair[0] : v;
        if (!JsonNum.TryInt(node, out var id))
            throw OdooError.ValueError($"Wrong value for {model.Name}.{field.Name}: {PyRepr.Of(v)}");
        if (env.Get(field.Comodel!, id) is null) throw OdooError.ForeignKey(model.Description, model.Name, field.Name);
        return id;
    }

    private static double Number(Model model, FieldDef field, JsonNode? v)
    {
        if (v is JsonValue value)
        {
            if (JsonNum.TryDouble(value, out var d)) return d;
            if (value.TryGetValue<bool>(out var b)) return b ? 1 : 0;
            if (value.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return d;
        }
        throw OdooError.ValueError($"Wrong value for {model.Name}.{field.Name}: {PyRepr.Of(v)}");
    }

    public static bool Truthy(JsonNode? v) => v switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => value.GetValue<string>().Length > 0,
            JsonValueKind.Number => JsonNum.TryDouble(value, out var d) && d != 0,
            _ => true,
        },
        _ => true,
    };

    public static string Text(JsonNode v) =>
        v is JsonValue value && value.TryGetValue<string>(out var s) ? s : v.ToJsonString();

    /// <summary>A storage value as read() answers it: many2one as [id, display name], empty as false.</summary>
    public static JsonNode? ToJson(Env env, FieldDef field, object? value) => field.Type switch
    {
        FieldType.Many2one => value is int id && env.Get(field.Comodel!, id) is not null
            ? new JsonArray(id, env.DisplayName(field.Comodel!, id))
            : JsonValue.Create(false),
        FieldType.One2many or FieldType.Many2many => new JsonArray([.. ((value as IEnumerable<int>) ?? []).Select(i => (JsonNode)i)]),
        FieldType.Integer => JsonValue.Create(value is long l ? l : 0L),
        FieldType.Float or FieldType.Monetary => JsonValue.Create(value is double d ? d : 0.0),
        FieldType.Boolean => JsonValue.Create(value is true),
        FieldType.Json => value is JsonNode node ? node.DeepClone() : JsonValue.Create(false),
        _ => value is string s ? JsonValue.Create(s) : JsonValue.Create(false),
    };

    /// <summary>A storage value as a plain .NET value for <c>OdooSimulator.Records</c>.</summary>
    public static object? ToPlain(FieldDef field, object? value) => field.Type switch
    {
        FieldType.One2many or FieldType.Many2many => ((value as IEnumerable<int>) ?? []).ToList(),
        FieldType.Integer => value is long l ? l : 0L,
        FieldType.Float or FieldType.Monetary => value is double d ? d : 0.0,
        FieldType.Boolean => value is true,
        FieldType.Json => value is JsonNode node ? Plain(node) : null,
        _ => value,
    };

    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v when JsonNum.TryDouble(v, out var d) => d,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => null,
    };
}
