using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;

namespace ActorSync.Odoo.Postings.Kinds;

/// <summary>
/// A customer payment, <c>account.payment</c> with the key as its <c>memo</c>. A payment for an
/// invoice goes through Odoo's register-payment wizard, which reconciles it with the invoice
/// (its payment state becomes partial or paid); the wizard's payment carries the key too.
/// </summary>
public sealed class PaymentKind : PostingKind<PaymentPosting>
{
    public override string Model => "account.payment";
    public override string MarkerField => "memo";

    public override async Task<JsonObject> ValuesAsync(PaymentPosting posting, PostingScope scope, CancellationToken ct) => new()
    {
        ["payment_type"] = "inbound",
        ["partner_type"] = "customer",
        ["company_id"] = scope.Company.Id,
        ["partner_id"] = await OdooValues.PartnerAsync(posting.Partner, scope, ct).ConfigureAwait(false),
        ["amount"] = posting.Amount.Amount,
        ["journal_id"] = await OdooValues.JournalAsync(posting.JournalCode, scope, ct).ConfigureAwait(false),
        ["date"] = OdooValues.Date(posting.Date),
        ["memo"] = MarkerOf(posting),
    };

    public override async Task<IReadOnlyList<long>> CreateAsync(IReadOnlyList<PaymentPosting> postings, PostingScope scope, CancellationToken ct)
    {
        if (postings.All(p => p.Invoice is null))
            return await base.CreateAsync(postings, scope, ct).ConfigureAwait(false);
        var ids = new List<long>(postings.Count);
        foreach (var posting in postings)
        {
            ids.Add(posting.Invoice is { } invoice
                ? await RegisterAsync(posting, invoice, scope, ct).ConfigureAwait(false)
                : (await base.CreateAsync([posting], scope, ct).ConfigureAwait(false))[0]);
        }
        return ids;
    }

    private async Task<long> RegisterAsync(PaymentPosting posting, PostingKey invoiceKey, PostingScope scope, CancellationToken ct)
    {
        var invoice = await scope.Records.RequireAsync(invoiceKey, "account.move", scope.Company, ct).ConfigureAwait(false);
        var context = new JsonObject { ["active_model"] = "account.move", ["active_ids"] = new JsonArray(invoice) };
        var wizard = await scope.Odoo.CreateAsync("account.payment.register", [new JsonObject
        {
            ["amount"] = posting.Amount.Amount,
            ["journal_id"] = await OdooValues.JournalAsync(posting.JournalCode, scope, ct).ConfigureAwait(false),
            ["payment_date"] = OdooValues.Date(posting.Date),
            ["communication"] = MarkerOf(posting),
        }], scope.Company.Id, ct, context).ConfigureAwait(false);
        var action = await scope.Odoo.ActAsync("account.payment.register", "action_create_payments", wizard, scope.Company.Id, ct, context).ConfigureAwait(false);
        return action?["res_id"]?.GetValue<long>()
            ?? throw IdempotentPoster.Refused($"Registering payment {posting.Key} on its invoice did not name the payment it made.");
    }

    /// <summary>Direct payments are posted; the wizard's payments are posted already, so their state is read like a found record's.</summary>
    public override Task FinishAsync(IReadOnlyList<PostedRecord<PaymentPosting>> records, PostingScope scope, CancellationToken ct) =>
        MoveStates.PostDraftsAsync(Model, [.. records.Select(r => r.Posting.Invoice is null ? r : r with { Created = false })], scope, ct);
}
