using System.Text.Json.Nodes;
using ActorSync.OdooSim.Models.Base;
using ActorSync.OdooSim.Runtime;

namespace ActorSync.OdooSim.Orm;

/// <summary>The methods every model has (BaseModel's), with their Python signatures.</summary>
internal static class CommonMethods
{
    public static readonly IReadOnlyDictionary<string, MethodDef> All = new MethodDef[]
    {
        new("search", true, [new("domain", true), new("offset"), new("limit"), new("order")], Search),
        new("search_read", true, [new("domain"), new("fields"), new("offset"), new("limit"), new("order"), new("load")], SearchRead),
        new("search_count", true, [new("domain", true), new("limit")], SearchCount),
        new("read", false, [new("fields"), new("load")], (env, model, call) => Reader.Read(env, model, call.Rows(env, model), call["fields"])),
        new("create", true, [new("vals_list", true)], Create),
        new("write", false, [new("vals", true)], Write),
        new("unlink", false, [], Unlink),
        new("load", true, [new("fields", true), new("data", true)], (env, model, call) => Loader.Load(env, model, call["fields"], call["data"])),
        new("get_external_id", false, [], GetExternalId),
        new("fields_get", true, [new("allfields"), new("attributes")], (_, model, call) => Reader.FieldsGet(model, call["allfields"], call["attributes"])),
        new("name_search", true, [new("name"), new("domain"), new("operator"), new("limit")], NameSearch),
    }.ToDictionary(m => m.Name);

    private static Outcome Search(Env env, Model model, CallArgs call) =>
        Ids(Query.Search(env, model, call["domain"], Args.Int(call["offset"], 0), Args.OptionalInt(call["limit"]), Args.OptionalString(call["order"])).Select(r => r.Id));

    private static Outcome SearchRead(Env env, Model model, CallArgs call)
    {
        var fields = Reader.FieldNames(model, call["fields"]);
        var rows = Query.Search(env, model, call["domain"], Args.Int(call["offset"], 0), Args.OptionalInt(call["limit"]), Args.OptionalString(call["order"]));
        return Reader.Read(env, model, rows, new JsonArray([.. fields.Select(f => (JsonNode)f)]));
    }

    private static Outcome SearchCount(Env env, Model model, CallArgs call)
    {
        var count = Query.Search(env, model, call["domain"]).Count;
        return JsonValue.Create(Args.OptionalInt(call["limit"]) is int limit ? Math.Min(limit, count) : count);
    }

    /// <summary>A dict creates one record and answers its id; a list answers the list of ids (JSON-RPC).</summary>
    private static Outcome Create(Env env, Model model, CallArgs call)
    {
        if (call["vals_list"] is JsonObject single) return JsonValue.Create(Crud.Create(env, model, single).Id);
        var list = call["vals_list"] as JsonArray ?? [];
        return Ids(list.Select(vals => Crud.Create(env, model, vals as JsonObject ?? []).Id).ToList());
    }

    private static Outcome Write(Env env, Model model, CallArgs call)
    {
        var rows = Access.Browse(env, model, call.Ids, "read");
        if (rows.Count < call.Ids.Distinct().Count())
            throw OdooError.MissingError($"Record does not exist or has been deleted.\n(Record: {model.Name}({string.Join(", ", call.Ids.Where(id => rows.All(r => r.Id != id)))},), User: {env.Uid})");
        Crud.Write(env, model, rows, Args.Object(call["vals"]));
        return true;
    }

    private static Outcome Unlink(Env env, Model model, CallArgs call)
    {
        Crud.Unlink(env, model, Access.Browse(env, model, call.Ids, "read"));
        return true;
    }

    private static Outcome GetExternalId(Env env, Model model, CallArgs call)
    {
        var result = new JsonObject();
        foreach (var row in call.Rows(env, model))
            result[row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ExternalIds.Of(env, model.Name, row.Id) ?? "";
        return result;
    }

    private static Outcome NameSearch(Env env, Model model, CallArgs call)
    {
        var name = Args.OptionalString(call["name"]) ?? "";
        var op = Args.OptionalString(call["operator"]) ?? "ilike";
        var domain = call["domain"] as JsonArray ?? [];
        var rows = Query.Search(env, model, domain, limit: null)
            .Where(r => name.Length == 0 || Domains.Comparison.Test(env, model.Fields["display_name"]!, model.DisplayName(env, r), op, JsonValue.Create(name)))
            .Take(Args.OptionalInt(call["limit"]) ?? 100);
        return new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray(r.Id, model.DisplayName(env, r)))]);
    }

    private static JsonArray Ids(IEnumerable<int> ids) => new([.. ids.Select(id => (JsonNode)id)]);
}
