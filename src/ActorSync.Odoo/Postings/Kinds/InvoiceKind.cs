using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;

namespace ActorSync.Odoo.Postings.Kinds;

/// <summary>A customer invoice or credit note: <c>account.move</c> out_invoice / out_refund, posted. The key is its <c>ref</c>.</summary>
public sealed class InvoiceKind : PostingKind<CustomerInvoicePosting>
{
    public override string Model => "account.move";
    public override string MarkerField => "ref";

    public override async Task<JsonObject> ValuesAsync(CustomerInvoicePosting posting, PostingScope scope, CancellationToken ct)
    {
        var lines = new List<JsonObject>();
        foreach (var line in posting.Lines)
        {
            var values = new JsonObject
            {
                ["name"] = line.Label,
                ["quantity"] = line.Quantity,
                ["price_unit"] = line.UnitPrice.Amount,
                ["account_id"] = await OdooValues.AccountAsync(line.AccountCode, scope, ct).ConfigureAwait(false),
                ["tax_ids"] = await OdooValues.TaxesAsync(line.Taxes, scope, ct).ConfigureAwait(false),
            };
            if (await OdooValues.AnalyticAsync(line.AnalyticAccount, scope, ct).ConfigureAwait(false) is { } analytic)
                values["analytic_distribution"] = analytic;
            lines.Add(values);
        }
        return new JsonObject
        {
            ["move_type"] = posting.CreditNote ? "out_refund" : "out_invoice",
            ["company_id"] = scope.Company.Id,
            ["journal_id"] = await OdooValues.JournalAsync(posting.JournalCode, scope, ct).ConfigureAwait(false),
            ["partner_id"] = await OdooValues.PartnerAsync(posting.Partner, scope, ct).ConfigureAwait(false),
            ["invoice_date"] = OdooValues.Date(posting.Date),
            ["ref"] = MarkerOf(posting),
            ["invoice_line_ids"] = OdooValues.Lines(lines),
        };
    }

    public override Task FinishAsync(IReadOnlyList<PostedRecord<CustomerInvoicePosting>> records, PostingScope scope, CancellationToken ct) =>
        MoveStates.PostDraftsAsync(Model, records, scope, ct);
}
