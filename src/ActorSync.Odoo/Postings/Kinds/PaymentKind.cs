using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Errors;

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

    /// <summary>Each payment is its own call (the wizard works on one invoice), so a refusal stays with its payment.</summary>
    public override bool CreatesAtomically => false;

    /// <summary>
    /// A payment for an invoice opens the wizard on that invoice, which must be posted in this
    /// company and still open: Odoo 18+ would also pay a draft, and a paid invoice has nothing left.
    /// </summary>
    public override async Task<Prepared<PaymentPosting>> PrepareAsync(PaymentPosting posting, PostingScope scope, CancellationToken ct)
    {
        if (posting.Invoice is not { } invoiceKey)
            return await base.PrepareAsync(posting, scope, ct).ConfigureAwait(false);
        var invoice = await scope.Records.RequireAsync(invoiceKey, "account.move", scope.Company, ct).ConfigureAwait(false);
        var state = (await scope.Odoo.SearchReadAsync("account.move", OdooDomain.Where(("id", "=", invoice)), ["state", "amount_residual"], scope.Company.Id, ct).ConfigureAwait(false)).SingleOrDefault();
        if (state?["state"]?.GetValue<string>() != "posted")
            throw new OdooException(Domain.Sinks.SinkOutbox.DependencyMissing, $"The invoice of payment {posting.Key} is not posted in company '{scope.Company.Name}' yet.", null, OdooErrorClass.Permanent);
        if (state["amount_residual"]!.GetValue<decimal>() < posting.Amount.Amount)
            throw IdempotentPoster.Refused($"Payment {posting.Key} of {posting.Amount} is more than the {state["amount_residual"]} its invoice has left to pay.");
        var values = new JsonObject
        {
            ["amount"] = posting.Amount.Amount,
            ["journal_id"] = await OdooValues.JournalAsync(posting.JournalCode, scope, ct).ConfigureAwait(false),
            ["payment_date"] = OdooValues.Date(posting.Date),
            ["communication"] = MarkerOf(posting),
        };
        return new Prepared<PaymentPosting>(posting, values, new JsonObject { ["active_model"] = "account.move", ["active_ids"] = new JsonArray(invoice) });
    }

    public override async Task<IReadOnlyList<long>> CreateAsync(IReadOnlyList<Prepared<PaymentPosting>> prepared, PostingScope scope, CancellationToken ct)
    {
        var ids = new List<long>(prepared.Count);
        foreach (var payment in prepared)
            ids.Add(payment.Context is null ? (await base.CreateAsync([payment], scope, ct).ConfigureAwait(false))[0] : await RegisterAsync(payment, scope, ct).ConfigureAwait(false));
        return ids;
    }

    private static async Task<long> RegisterAsync(Prepared<PaymentPosting> payment, PostingScope scope, CancellationToken ct)
    {
        var wizard = await scope.Odoo.CreateAsync("account.payment.register", [payment.Values], scope.Company.Id, ct, payment.Context).ConfigureAwait(false);
        var action = await scope.Odoo.ActAsync("account.payment.register", "action_create_payments", wizard, scope.Company.Id, ct, payment.Context).ConfigureAwait(false);
        return action?["res_id"]?.GetValue<long>()
            ?? throw IdempotentPoster.Refused($"Registering payment {payment.Posting.Key} on its invoice did not name the payment it made.");
    }

    /// <summary>Direct payments are posted; the wizard's payments are posted already, so their state is read like a found record's.</summary>
    public override Task FinishAsync(IReadOnlyList<PostedRecord<PaymentPosting>> records, PostingScope scope, CancellationToken ct) =>
        MoveStates.PostDraftsAsync(Model, [.. records.Select(r => r.Posting.Invoice is null ? r : r with { Created = false })], scope, ct);
}
