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

    public override IReadOnlyCollection<string> LookedUpBy => ["name", "res_id"];

    public override void Check(Env env, Row row)
    {
        var module = row.Str("module");
        var name = row.Str("name");
        if (name is not null && env.Having(Name, "name", name).Any(other => other.Id != row.Id && other.Str("module") == module))
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
        return env.Having("ir.model.data", "name", name).FirstOrDefault(x => x.Str("module") == module);
    }

    public static string? Of(Env env, string model, int id) =>
        OfRecord(env, model, id)
            .Select(x => $"{x.Str("module")}.{x.Str("name")}").FirstOrDefault();

    /// <summary>The external ids of one record.</summary>
    public static IEnumerable<Row> OfRecord(Env env, string model, int id) =>
        env.Having("ir.model.data", "res_id", (long)id).Where(x => x.Str("model") == model);

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
