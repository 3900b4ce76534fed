namespace ActorSync.Odoo.Lookup;

/// <summary>An Odoo company: the ERP side of one legal entity.</summary>
public sealed record OdooCompany(long Id, string Name);

/// <summary>Where a legal entity's postings go in Odoo, beyond its account mapping.</summary>
public sealed record OdooTarget(string Company, string ConsumptionLocation = OdooTarget.DefaultConsumptionLocation)
{
    public const string DefaultConsumptionLocation = "Consumption";
}
