using System.Text.Json.Nodes;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>The ORM's create, write and unlink, with Odoo's checks in Odoo's order.</summary>
internal static class Crud
{
    public static Row Create(Env env, string model, JsonObject vals) => Create(env, env.Model(model), vals);

    public static Row Create(Env env, Model model, JsonObject vals)
    {
        RefuseUnknown(model, vals);
        var values = new Dictionary<string, object?>();
        var relations = new List<(FieldDef Field, JsonNode? Commands)>();
        foreach (var (name, value) in vals)
        {
            var field = model.Fields[name]!;
            if (field.Compute is not null) continue;
            if (field.IsX2Many) relations.Add((field, value));
            else values[name] = ValueCodec.FromJson(env, model, field, value);
        }
        foreach (var field in model.Fields)
            if (field.Default is not null && !values.ContainsKey(field.Name) && !vals.ContainsKey(field.Name))
                values[field.Name] = field.Default(env);
        model.Defaults(env, values, vals);
        foreach (var field in model.Fields.Where(f => f.Required && f.Stored && f.Type != FieldType.Many2many))
            if (values.GetValueOrDefault(field.Name) is null or "")
                throw model.MissingRequired(field);
        values["create_date"] = values["write_date"] = env.Timestamp;

        var row = env.Tx.Insert(model.Name, values);
        foreach (var (field, commands) in relations) X2Many.Apply(env, row, field, commands);
        model.Created(env, row, vals);
        model.Check(env, row);
        CompanyCheck.Verify(env, model, row);
        // Checked last, as Odoo's record rules are at flush: a move's lines are refused before the move.
        if (!Access.Visible(env, model, row)) throw Access.Denied(env, model, "create", row);
        return row;
    }

    public static void Write(Env env, Model model, IReadOnlyList<Row> rows, JsonObject vals)
    {
        RefuseUnknown(model, vals);
        model.Writing(env, rows, vals);
        foreach (var row in rows)
        {
            foreach (var (name, value) in vals)
            {
                var field = model.Fields[name]!;
                if (field.Compute is not null) continue;
                if (field.IsX2Many)
                {
                    X2Many.Apply(env, row, field, value);
                    continue;
                }
                var stored = ValueCodec.FromJson(env, model, field, value);
                if (field.Required && stored is null or "") throw model.MissingRequired(field);
                env.Tx.Set(row, name, stored);
            }
            env.Tx.Set(row, "write_date", env.Timestamp);
        }
        model.Written(env, rows, vals);
        foreach (var row in rows)
        {
            model.Check(env, row);
            CompanyCheck.Verify(env, model, row);
            if (!Access.Visible(env, model, row)) throw Access.Denied(env, model, "write", row);
        }
    }

    public static void Unlink(Env env, Model model, IReadOnlyList<Row> rows)
    {
        model.Unlinking(env, rows);
        foreach (var row in rows) Delete(env, model, row);
    }

    /// <summary>Deletes a row and applies the ondelete rule of every many2one pointing at it.</summary>
    private static void Delete(Env env, Model model, Row row)
    {
        if (env.Get(model.Name, row.Id) is null) return;
        env.Tx.Delete(row);
        foreach (var (other, field) in References(env.Registry, model.Name))
        {
            foreach (var source in env.Referencing(other.Name, field.Name, row.Id).ToList())
            {
                switch (field.OnDelete)
                {
                    case OnDelete.Cascade: Delete(env, other, source); break;
                    case OnDelete.Restrict: throw OdooError.ForeignKey(other.Description, other.Name, field.Name);
                    default: env.Tx.Set(source, field.Name, null); break;
                }
            }
        }
        foreach (var xmlid in Models.Base.ExternalIds.OfRecord(env, model.Name, row.Id).ToList())
            env.Tx.Delete(xmlid);
    }

    private static IEnumerable<(Model Model, FieldDef Field)> References(Registry registry, string target) =>
        registry.Models.SelectMany(m => m.Fields.Where(f => f.Type == FieldType.Many2one && f.Stored && f.Comodel == target).Select(f => (m, f)));

    private static void RefuseUnknown(Model model, JsonObject vals)
    {
        foreach (var (name, _) in vals)
            if (model.Fields[name] is null)
                throw OdooError.ValueError($"Invalid field {PyRepr.Str(name)} in {PyRepr.Str(model.Name)}");
    }
}
