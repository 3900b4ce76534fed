using ActorSync.Domain.Common;

namespace ActorSync.Domain.LegalEntities;

/// <summary>A department or cost center of a site; in Odoo an analytic account.</summary>
public sealed record DepartmentProfile(DepartmentId Id, string Name, string AnalyticAccount);

public sealed record SiteProfile(SiteId Id, string Name, IReadOnlyList<DepartmentProfile> Departments);

/// <summary>Which Odoo accounts and journals a legal entity posts to (account codes and journal codes, not Odoo ids).</summary>
public sealed record AccountMapping(
    string Receivable,
    string Revenue,
    string ContractualAllowance,
    string WriteOff,
    string InventoryConsumption,
    string SalesJournal,
    string BankJournal,
    string GeneralJournal);

/// <summary>A source item code at this legal entity's sites and the ERP product it maps to.</summary>
public sealed record ProductMapping(ItemId Item, string ErpProduct, UnitConversion Conversion, decimal ReorderThreshold, decimal ReorderQuantity, string? Vendor);

public enum PostingGranularity
{
    Detail,
    Summary,
}

/// <summary>How postings are made and when finance must approve them.</summary>
public sealed record PostingRules(PostingGranularity Granularity, Money? ApprovalThreshold, bool ApproveSummaryBatches);

/// <summary>Everything ActorSync knows about a legal entity (an Odoo company).</summary>
public sealed record LegalEntityProfile(
    string Name,
    string OdooCompany,
    Currency Currency,
    IReadOnlyList<SiteProfile> Sites,
    AccountMapping Accounts,
    IReadOnlyList<ProductMapping> Products,
    PostingRules Rules)
{
    /// <summary>Structural equality: records compare their lists by reference, configuration must compare by content.</summary>
    public bool SameAs(LegalEntityProfile other) =>
        Name == other.Name && OdooCompany == other.OdooCompany && Currency == other.Currency
        && Accounts == other.Accounts && Rules == other.Rules
        && Products.SequenceEqual(other.Products)
        && Sites.Count == other.Sites.Count
        && Sites.Zip(other.Sites).All(p => p.First.Id == p.Second.Id && p.First.Name == p.Second.Name && p.First.Departments.SequenceEqual(p.Second.Departments));
}
