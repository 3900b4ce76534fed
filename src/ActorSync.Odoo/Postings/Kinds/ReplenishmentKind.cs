using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Lookup;

namespace ActorSync.Odoo.Postings.Kinds;

/// <summary>A replenishment request: a draft <c>purchase.order</c> (RFQ) to the item's vendor, the key as <c>origin</c>. Purchasing confirms it.</summary>
public sealed class ReplenishmentKind : PostingKind<ReplenishmentRequestPosting>
{
    public override string Model => "purchase.order";
    public override string MarkerField => "origin";

    public override async Task<JsonObject> ValuesAsync(ReplenishmentRequestPosting posting, PostingScope scope, CancellationToken ct) => new()
    {
        ["partner_id"] = await OdooDirectory.Require(scope.Directory.FindPartnerAsync(scope.Company, posting.Vendor, ct), "vendor", posting.Vendor, scope.Company).ConfigureAwait(false),
        ["origin"] = MarkerOf(posting),
        ["company_id"] = scope.Company.Id,
        ["order_line"] = OdooValues.Lines([new JsonObject
        {
            ["product_id"] = await OdooValues.ProductAsync(posting.ProductCode, scope, ct).ConfigureAwait(false),
            ["product_qty"] = posting.Quantity,
        }]),
    };
}
