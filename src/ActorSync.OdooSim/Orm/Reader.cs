using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>read() and fields_get() answers.</summary>
internal static class Reader
{
    public static JsonArray Read(Env env, Model model, IEnumerable<Row> rows, JsonNode? fields)
    {
        var names = FieldNames(model, fields);
        var result = new JsonArray();
        foreach (var row in rows)
        {
            var record = new JsonObject { ["id"] = row.Id };
            foreach (var name in names.Where(n => n != "id"))
                record[name] = ValueCodec.ToJson(env, model.Fields[name]!, ValueCodec.Get(env, model, row, model.Fields[name]!));
            result.Add(record);
        }
        return result;
    }

    /// <summary>The requested field names, all readable ones when none are given; unknown names fail.</summary>
    public static IReadOnlyList<string> FieldNames(Model model, JsonNode? fields)
    {
        var names = (fields as JsonArray ?? []).Select(n => n is null ? "" : ValueCodec.Text(n)).ToList();
        if (names.Count == 0) return model.Fields.Where(f => !f.Hidden).Select(f => f.Name).ToList();
        foreach (var name in names)
            if (model.Fields[name] is null or { Hidden: true })
                throw OdooError.ValueError($"Invalid field {PyRepr.Str(name)} on {PyRepr.Str(model.Name)}");
        return names;
    }

    public static JsonObject FieldsGet(Model model, JsonNode? allfields, JsonNode? attributes)
    {
        var wanted = (allfields as JsonArray ?? []).Select(n => n is null ? "" : ValueCodec.Text(n)).ToHashSet();
        var attrs = (attributes as JsonArray ?? []).Select(n => n is null ? "" : ValueCodec.Text(n)).ToHashSet();
        var result = new JsonObject();
        foreach (var field in model.Fields.Where(f => !f.Hidden && (wanted.Count == 0 || wanted.Contains(f.Name))))
        {
            var description = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
            {
                ["type"] = field.OdooTypeName,
                ["string"] = field.Label,
                ["required"] = field.Required,
                ["readonly"] = field.Readonly,
                ["store"] = field.Stored || field.Type == FieldType.One2many,
            };
            if (field.Comodel is not null) description["relation"] = field.Comodel;
            if (field.Selection is not null)
                description["selection"] = new JsonArray([.. field.Selection.Select(v => (JsonNode)new JsonArray(v, v))]);
            var entry = new JsonObject();
            foreach (var (key, value) in description.Where(d => attrs.Count == 0 || attrs.Contains(d.Key)))
                entry[key] = value;
            result[field.Name] = entry;
        }
        return result;
    }
}
