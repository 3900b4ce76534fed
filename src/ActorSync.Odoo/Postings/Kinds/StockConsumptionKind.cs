using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Lookup;

namespace ActorSync.Odoo.Postings.Kinds;

/// <summary>
/// Supplies used: a <c>stock.picking</c> of the company's delivery type from its stock location to
/// the consumption location, with the key as <c>origin</c> and the quantity set on the move, then
/// confirmed and validated, and checked to be done. Each step runs only from the state before it, so
/// a repeat continues where the last attempt stopped.
/// </summary>
public sealed class StockConsumptionKind : PostingKind<StockConsumptionPosting>
{
    public override string Model => "stock.picking";
    public override string MarkerField => "origin";

    public override async Task<JsonObject> ValuesAsync(StockConsumptionPosting posting, PostingScope scope, CancellationToken ct)
    {
        var company = scope.Company;
        var from = await OdooDirectory.Require(scope.Directory.FindStockLocationAsync(company, ct), "warehouse stock location", "of the first warehouse", company).ConfigureAwait(false);
        var to = await OdooDirectory.Require(scope.Directory.FindConsumptionLocationAsync(company, scope.Target.ConsumptionLocation, ct), "consumption location", scope.Target.ConsumptionLocation, company).ConfigureAwait(false);
        var type = await OdooDirectory.Require(scope.Directory.FindOutgoingPickingTypeAsync(company, ct), "delivery operation type", "outgoing", company).ConfigureAwait(false);
        var move = new JsonObject
        {
            ["product_id"] = await OdooValues.ProductAsync(posting.ProductCode, scope, ct).ConfigureAwait(false),
            ["product_uom_qty"] = posting.Quantity,
            ["quantity"] = posting.Quantity,
            ["location_id"] = from,
            ["location_dest_id"] = to,
            ["company_id"] = company.Id,
        };
        return new JsonObject
        {
            ["picking_type_id"] = type,
            ["location_id"] = from,
            ["location_dest_id"] = to,
            ["origin"] = MarkerOf(posting),
            ["company_id"] = company.Id,
            ["move_ids"] = OdooValues.Lines([move]),
        };
    }

    public override async Task FinishAsync(IReadOnlyList<PostedRecord<StockConsumptionPosting>> records, PostingScope scope, CancellationToken ct)
    {
        var ids = records.Select(r => r.Id).ToList();
        var drafts = (await MoveStates.StatesAsync(Model, ids, scope, ct).ConfigureAwait(false)).Where(s => s.Value == "draft").Select(s => s.Key).ToList();
        if (drafts.Count > 0)
            await scope.Odoo.ActAsync(Model, "action_confirm", drafts, scope.Company.Id, ct).ConfigureAwait(false);
        // No action_assign: the quantities are set on the moves, so validation takes exactly them.
        var open = (await MoveStates.StatesAsync(Model, ids, scope, ct).ConfigureAwait(false)).Where(s => s.Value is "confirmed" or "assigned" or "waiting").Select(s => s.Key).ToList();
        if (open.Count > 0 && await scope.Odoo.ActAsync(Model, "button_validate", open, scope.Company.Id, ct).ConfigureAwait(false) is not JsonValue)
            throw IdempotentPoster.Refused("Odoo answered the validation of the consumption transfer with a wizard (a backorder or an immediate-transfer question) instead of validating it.");
        var notDone = (await MoveStates.StatesAsync(Model, ids, scope, ct).ConfigureAwait(false)).Where(s => s.Value != "done").ToList();
        if (notDone.Count > 0)
            throw IdempotentPoster.Refused($"The consumption transfer(s) {string.Join(", ", notDone.Select(s => $"{s.Key} ({s.Value})"))} did not reach 'done'.");
    }
}
