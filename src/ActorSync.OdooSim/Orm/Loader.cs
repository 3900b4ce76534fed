using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.OdooSim.Models.Base;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>
/// load(fields, data), Odoo's import: rows upserted by external id ("id" column), relational
/// columns by name, "field/id" or "field/.id". Any bad row makes the whole call write nothing and
/// answer {"ids": false, "messages": [...]} — an answer, not an RPC error.
/// </summary>
internal static class Loader
{
    public static Outcome Load(Env env, Model model, JsonNode? fieldsNode, JsonNode? dataNode)
    {
        var columns = (fieldsNode as JsonArray ?? []).Select(n => n is null ? "" : ValueCodec.Text(n)).ToList();
        foreach (var column in columns)
        {
            var name = column.Split('/')[0];
            if (name is not ("id" or ".id") && model.Fields[name] is null)
                throw OdooError.ValueError($"Invalid field {PyRepr.Str(name)} on {PyRepr.Str(model.Name)}");
        }
        var ids = new JsonArray();
        var messages = new JsonArray();
        var index = 0;
        foreach (var data in (dataNode as JsonArray ?? []).OfType<JsonArray>())
        {
            try
            {
                var row = Upsert(env, model, columns, data, index);
                ids.Add(row.Id);
            }
            catch (ConversionError e)
            {
                messages.Add(e.ToJson(index));
            }
            catch (OdooError e)
            {
                var userError = e.Name is "odoo.exceptions.UserError" or "odoo.exceptions.ValidationError" or "odoo.exceptions.AccessError";
                var message = new JsonObject { ["rows"] = Rows(index), ["record"] = index, ["type"] = "error" };
                message["message"] = userError ? e.Message : $"Unknown error during import: <class '{e.Name}'>: {e.Message}";
                if (!userError) message["moreinfo"] = "Resolve other errors first";
                messages.Add(message);
            }
            index++;
        }
        if (messages.Count == 0) return new JsonObject { ["ids"] = ids, ["messages"] = messages, ["nextrow"] = 0 };
        env.Tx.Rollback();
        return new JsonObject { ["ids"] = false, ["messages"] = messages, ["nextrow"] = 0 };
    }

    private static Row Upsert(Env env, Model model, IReadOnlyList<string> columns, JsonArray data, int index)
    {
        string? xmlid = null;
        Row? target = null;
        var vals = new JsonObject();
        for (var i = 0; i < columns.Count && i < data.Count; i++)
        {
            var column = columns[i];
            var text = data[i] is null || ValueCodec.IsFalse(data[i]) ? "" : ValueCodec.Text(data[i]!);
            if (column == "id")
            {
                xmlid = text.Length == 0 ? null : text.Contains('.') ? text : "__import__." + text;
                continue;
            }
            if (column == ".id")
            {
                target = int.TryParse(text, CultureInfo.InvariantCulture, out var dbId) ? env.Get(model.Name, dbId) : null;
                continue;
            }
            var parts = column.Split('/');
            var field = model.Fields[parts[0]]!;
            vals[field.Name] = Convert(env, field, parts.Length > 1 ? parts[1] : null, text, data[i], index);
        }
        if (xmlid is not null && ExternalIds.Find(env, xmlid) is { } known && known.Str("model") == model.Name)
            target ??= env.Get(model.Name, ExternalIds.ResId(known));
        if (target is not null)
        {
            Crud.Write(env, model, Access.Browse(env, model, [target.Id], "read"), vals);
            return target;
        }
        var created = Crud.Create(env, model, vals);
        if (xmlid is not null) ExternalIds.Register(env, xmlid, model.Name, created.Id);
        return created;
    }

    private static JsonNode? Convert(Env env, FieldDef field, string? subfield, string text, JsonNode? raw, int index)
    {
        if (!field.IsRelational)
        {
            if (text.Length == 0) return field.Type == FieldType.Boolean ? false : JsonValue.Create(false);
            return field.Type switch
            {
                FieldType.Boolean => text.ToLowerInvariant() is "1" or "true" or "yes",
                FieldType.Integer or FieldType.Float or FieldType.Monetary when raw is JsonValue v && JsonNum.TryDouble(v, out var d) => d,
                FieldType.Integer or FieldType.Float or FieldType.Monetary => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new ConversionError(field, $"'{text}' does not seem to be a number for field '{field.Label}'", null),
                _ => text,
            };
        }
        if (text.Length == 0) return field.Type == FieldType.Many2one ? JsonValue.Create(false) : new JsonArray();
        var ids = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(value => Resolve(env, field, subfield, value)).ToList();
        return field.Type == FieldType.Many2one ? ids[0] : new JsonArray(new JsonArray(6, 0, new JsonArray([.. ids.Select(i => (JsonNode)i)])));
    }

    private static int Resolve(Env env, FieldDef field, string? subfield, string value)
    {
        var comodel = env.Model(field.Comodel!);
        Row? found = subfield switch
        {
            "id" => ExternalIds.Find(env, value.Contains('.') ? value : "__import__." + value) is { } x && x.Str("model") == comodel.Name
                ? env.Get(comodel.Name, ExternalIds.ResId(x)) : null,
            ".id" => int.TryParse(value, CultureInfo.InvariantCulture, out var id) ? Query.Search(env, comodel, new JsonArray(new JsonArray("id", "=", id))).FirstOrDefault() : null,
            _ => Query.Search(env, comodel, null).FirstOrDefault(r => comodel.DisplayName(env, r) == value),
        };
        if (found is not null) return found.Id;
        var kind = subfield switch { "id" => "external id", ".id" => "database id", _ => "name" };
        throw new ConversionError(field, $"No matching record found for {kind} '{value}' in field '{field.Label}'", comodel.Name);
    }

    private static JsonObject Rows(int index) => new() { ["from"] = index, ["to"] = index };

    /// <summary>A value that cannot be converted: reported per row with Odoo's "Possible Values" link.</summary>
    private sealed class ConversionError(FieldDef field, string message, string? comodel) : Exception(message)
    {
        public JsonObject ToJson(int index)
        {
            var result = new JsonObject { ["rows"] = Rows(index), ["type"] = "error", ["record"] = index, ["field"] = field.Name, ["message"] = Message };
            if (comodel is not null)
            {
                result["moreinfo"] = new JsonObject
                {
                    ["name"] = "Possible Values",
                    ["type"] = "ir.actions.act_window",
                    ["target"] = "new",
                    ["view_mode"] = "list,form",
                    ["views"] = new JsonArray(new JsonArray(false, "list"), new JsonArray(false, "form")),
                    ["context"] = new JsonObject { ["create"] = false },
                    ["help"] = "See all possible values",
                    ["res_model"] = comodel,
                };
            }
            result["field_name"] = field.Label;
            return result;
        }
    }
}
