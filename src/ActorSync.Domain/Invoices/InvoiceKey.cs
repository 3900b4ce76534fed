using ActorSync.Domain.Common;

namespace ActorSync.Domain.Invoices;

/// <summary>An invoice (a bill or a claim) is identified by its site and the source's invoice or claim id.</summary>
public readonly record struct InvoiceKey(SiteId Site, InvoiceId Invoice)
{
    public override string ToString() => $"{Site}/{Invoice}";
}
