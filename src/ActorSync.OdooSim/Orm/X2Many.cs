using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>
/// Odoo's x2many commands: [0,0,vals] create, [1,id,vals] update, [2,id] delete, [3,id] unlink,
/// [4,id] link, [5] clear, [6,0,ids] replace. A plain list of ids replaces, like [6,0,ids].
/// </summary>
internal static class X2Many
{
    public static void Apply(Env env, Row row, FieldDef field, JsonNode? commands)
    {
        var comodel = env.Model(field.Comodel!);
        var list = commands as JsonArray ?? [];
        if (list.Count > 0 && list.All(c => c is JsonValue)) list = [new JsonArray(6, 0, list.DeepClone())];
        foreach (var node in list)
        {
            if (node is not JsonArray command || command.Count == 0 || !TryInt(command[0], out var op))
                throw OdooError.ValueError($"Wrong value for {row.Model}.{field.Name}: {PyRepr.Of(commands)}");
            var id = command.Count > 1 && TryInt(command[1], out var i) ? i : 0;
            var payload = command.Count > 2 ? command[2] : null;
            switch (op)
            {
                case 0: Create(env, row, field, comodel, payload as JsonObject ?? []); break;
                case 1: Crud.Write(env, comodel, Existing(env, comodel, [id]), payload as JsonObject ?? []); break;
                case 2: Crud.Unlink(env, comodel, Existing(env, comodel, [id])); break;
                case 3: Detach(env, row, field, comodel, [id]); break;
                case 4: Attach(env, row, field, comodel, [id]); break;
                case 5: Detach(env, row, field, comodel, Current(env, row, field)); break;
                case 6:
                    var ids = (payload as JsonArray ?? []).Select(n => TryInt(n, out var x) ? x : 0).ToList();
                    Detach(env, row, field, comodel, Current(env, row, field).Except(ids).ToList());
                    Attach(env, row, field, comodel, ids);
                    break;
                default:
                    throw OdooError.ValueError($"Wrong value for {row.Model}.{field.Name}: {PyRepr.Of(commands)}");
            }
        }
    }

    private static void Create(Env env, Row row, FieldDef field, Model comodel, JsonObject vals)
    {
        var values = (JsonObject)vals.DeepClone();
        if (field.Type == FieldType.One2many)
        {
            values[field.Inverse!] = row.Id;
            Crud.Create(env, comodel, values);
        }
        else
        {
            var created = Crud.Create(env, comodel, values);
            env.Tx.Set(row, field.Name, new List<int>([.. row.Ids(field.Name), created.Id]));
        }
    }

    private static List<int> Current(Env env, Row row, FieldDef field) =>
        (ValueCodec.Get(env, env.Model(row.Model), row, field) as IEnumerable<int> ?? []).ToList();

    private static void Attach(Env env, Row row, FieldDef field, Model comodel, IReadOnlyList<int> ids)
    {
        var rows = Existing(env, comodel, ids);
        if (field.Type == FieldType.One2many)
            foreach (var child in rows) env.Tx.Set(child, field.Inverse!, row.Id);
        else
            env.Tx.Set(row, field.Name, row.Ids(field.Name).Union(rows.Select(r => r.Id)).ToList());
    }

    private static void Detach(Env env, Row row, FieldDef field, Model comodel, IReadOnlyList<int> ids)
    {
        if (field.Type == FieldType.Many2many)
        {
            env.Tx.Set(row, field.Name, row.Ids(field.Name).Except(ids).ToList());
            return;
        }
        // A one2many child cannot live without a required parent: Odoo deletes it.
        var inverse = comodel.Fields[field.Inverse!]!;
        var children = ids.Select(id => env.Get(comodel.Name, id)).OfType<Row>().ToList();
        if (inverse.Required || inverse.OnDelete == OnDelete.Cascade) Crud.Unlink(env, comodel, children);
        else foreach (var child in children) env.Tx.Set(child, inverse.Name, null);
    }

    private static IReadOnlyList<Row> Existing(Env env, Model comodel, IReadOnlyList<int> ids)
    {
        var rows = ids.Select(id => env.Get(comodel.Name, id)).ToList();
        if (rows.Any(r => r is null))
            throw OdooError.MissingError($"Record does not exist or has been deleted.\n(Record: {comodel.Name}({string.Join(", ", ids)},), User: {env.Uid})");
        return rows!;
    }

    private static bool TryInt(JsonNode? node, out int value) => JsonNum.TryInt(node, out value);
}
