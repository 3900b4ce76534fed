using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Stock;

/// <summary>stock.location: a tree named by its path ("WH/Stock"); only internal locations hold quants.</summary>
internal sealed class Locations : Model
{
    public Locations() : base("stock.location", "Inventory Locations", "complete_name, id")
    {
        Fields.Char("name", "Location Name", required: true);
        Fields.Computed(FieldType.Char, "complete_name", "Full Location Name", (env, row) => DisplayName(env, row));
        Fields.Many2one("location_id", "Parent Location", "stock.location", onDelete: OnDelete.Cascade);
        Fields.Selection("usage", "Location Type", ["supplier", "view", "internal", "customer", "inventory", "production", "transit"], "internal", required: true);
        Fields.Many2one("company_id", "Company", "res.company");
        Fields.Boolean("active", "Active").Default = _ => true;
    }

    public override string DisplayName(Env env, Row row) =>
        env.Get(Name, row.Ref("location_id")) is { } parent && parent.Id != row.Id ? $"{DisplayName(env, parent)}/{row.Str("name")}" : row.Str("name") ?? "";

    public static bool IsInternal(Env env, int? location) => env.Get("stock.location", location)?.Str("usage") == "internal";
}

/// <summary>Locations Odoo's stock module creates: shared partner locations, and virtual ones per company.</summary>
internal static class StockSetup
{
    public static void SharedLocations(Env env)
    {
        Location(env, "Physical Locations", "view", null, null);
        var partners = Location(env, "Partners", "view", null, null);
        Location(env, "Vendors", "supplier", partners, null);
        Location(env, "Customers", "customer", partners, null);
        Location(env, "Virtual Locations", "view", null, null);
    }

    public static void CompanyLocations(Env env, int company)
    {
        if (Root(env, "Virtual Locations") is not { } root) return;
        Location(env, "Inventory adjustment", "inventory", root.Id, company);
        Location(env, "Scrap", "inventory", root.Id, company);
        Location(env, "Consumption", "inventory", root.Id, company);
    }

    /// <summary>A virtual location of the company ("Inventory adjustment", "Scrap", "Consumption").</summary>
    public static Row Virtual(Env env, int company, string name) =>
        env.All("stock.location").First(l => l.Str("name") == name && l.Ref("company_id") == company && l.Str("usage") == "inventory");

    public static Row Partner(Env env, string usage) =>
        env.All("stock.location").First(l => l.Str("usage") == usage && l.Ref("company_id") is null);

    private static Row? Root(Env env, string name) =>
        env.All("stock.location").FirstOrDefault(l => l.Str("name") == name && l.Ref("location_id") is null);

    public static int Location(Env env, string name, string usage, int? parent, int? company)
    {
        var vals = new JsonObject { ["name"] = name, ["usage"] = usage };
        if (parent is int p) vals["location_id"] = p;
        if (company is int c) vals["company_id"] = c;
        return Crud.Create(env.Sudo(), "stock.location", vals).Id;
    }
}
