using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Base;

/// <summary>ir.model.data: external ids "module.name" → (model, res_id), unique on (module, name).</summary>
internal sealed class ExternalIds : Model
{
    public ExternalIds() : base("ir.model.data", "Model Data", "module, model, name")
    {
        Fields.Char("name", "External Identifier", required: true);
        Fields.Char("module", "Module", required: true);
        Fields.Char("model", "Model Name", required: true);
        Fields.Integer("res_id", "Record ID");
        Fields.Boolean("noupdate", "Non Updatable");
        Fields.Computed(FieldType.Char, "complete_name", "Complete ID", (_, row) => $"{row.Str("module")}.{row.Str("name")}");
    }

    public override string DisplayName(Env env, Row row) => $"{row.Str("module")}.{row.Str("name")}";

    public override void Check(Env env, Row row)
    {
        var module = row.Str("module");
        var name = row.Str("name");
        if (env.All(Name).Any(other => other.Id != row.Id && other.Str("module") == module && other.Str("name") == name))
        {
            throw OdooError.ValidationError(
                "The operation cannot be completed: duplicate key value violates unique constraint \"ir_model_data_module_name_uniq_index\"\n" +
                $"DETAIL:  Key (module, name)=({module}, {name}) already exists.\n");
        }
    }

    public static Row? Find(Env env, string xmlid)
    {
        var dot = xmlid.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return null;
        var (module, name) = (xmlid[..dot], xmlid[(dot + 1)..]);
        return env.All("ir.model.data").FirstOrDefault(x => x.Str("module") == module && x.Str("name") == name);
    }

    public static string? Of(Env env, string model, int id) =>
        env.All("ir.model.data").Where(x => x.Str("model") == model && ResId(x) == id)
            .Select(x => $"{x.Str("module")}.{x.Str("name")}").FirstOrDefault();

    public static int? ResId(Row xmlid) => xmlid["res_id"] is long id ? (int)id : null;

    public static void Register(Env env, string xmlid, string model, int id, bool noupdate = false)
    {
        var dot = xmlid.IndexOf('.', StringComparison.Ordinal);
        Crud.Create(env.Sudo(), "ir.model.data", new JsonObject
        {
            ["module"] = xmlid[..dot],
            ["name"] = xmlid[(dot + 1)..],
            ["model"] = model,
            ["res_id"] = id,
            ["noupdate"] = noupdate,
        });
    }
}
