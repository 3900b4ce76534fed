using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Base;

/// <summary>res.partner: customers, payers, patients (pseudonymous), vendors. Shared unless a company is set.</summary>
internal sealed class Partners : Model
{
    public Partners() : base("res.partner", "Contact", "complete_name ASC, id DESC")
    {
        Fields.Char("name", "Name");
        Fields.Computed(FieldType.Char, "complete_name", "Complete Name", (env, row) => DisplayName(env, row));
        Fields.Boolean("is_company", "Is a Company");
        Fields.Char("ref", "Reference");
        Fields.Char("email", "Email");
        Fields.Char("phone", "Phone");
        Fields.Html("comment", "Notes");
        Fields.Many2one("company_id", "Company", "res.company");
        Fields.Many2one("parent_id", "Related Company", "res.partner");
        Fields.One2many("child_ids", "Contact", "res.partner", "parent_id");
        Fields.Selection("type", "Address Type", ["contact", "invoice", "delivery", "other"], "contact");
        Fields.Char("street", "Street");
        Fields.Char("city", "City");
        Fields.Char("zip", "Zip");
        Fields.Many2one("country_id", "Country", "res.country");
        Fields.Char("vat", "Tax ID");
        Fields.Boolean("active", "Active").Default = _ => true;
        Fields.Integer("customer_rank", "Customer Rank");
        Fields.Integer("supplier_rank", "Supplier Rank");
    }

    public override string DisplayName(Env env, Row row)
    {
        var name = row.Str("name") ?? "";
        return !row.Bool("is_company") && env.Get(Name, row.Ref("parent_id")) is { } parent && parent.Id != row.Id
            ? $"{DisplayName(env, parent)}, {name}"
            : name;
    }

    public override void Check(Env env, Row row)
    {
        if (row.Str("name") is null && row.Str("type") == "contact")
            throw OdooError.ValidationError("The operation cannot be completed: Contacts require a name");
        var seen = new HashSet<int> { row.Id };
        for (var parent = env.Get(Name, row.Ref("parent_id")); parent is not null; parent = env.Get(Name, parent.Ref("parent_id")))
            if (!seen.Add(parent.Id))
                throw OdooError.ValidationError("You cannot create recursive Partner hierarchies.");
    }
}
