using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Sinks;
using Xunit;

namespace ActorSync.Domain.Tests;

/// <summary>The posting ledger folded from sink events, and reconciliation against what Odoo holds.</summary>
public sealed class ReconcilerTests
{
    private const string Sink = "northwind-health/nw-general/revenue";
    private static readonly LegalEntityId Entity = new("northwind-health");
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 29);
    private static readonly PartnerRef Payer = new(new PostingKey("payer-1"), "Mercy");

    private static Money Usd(decimal amount) => Money.Of(amount, Currency.Usd);

    private static CustomerInvoicePosting Invoice(string key, decimal amount) =>
        new(new PostingKey(key), Entity, Payer, "INV", Day, [new InvoicePostingLine("Visit", 1, Usd(amount), "400000", "NW Emergency")]);

    private static PaymentPosting Payment(string key, string invoice, decimal amount) =>
        new(new PostingKey(key), Entity, Payer, Usd(amount), Day, "BNK1", new PostingKey(invoice));

    /// <summary>The move Odoo would hold for an invoice: receivable debit, revenue credit in the department.</summary>
    private static OdooRecord Move(long id, string externalId, decimal amount, decimal? credit = null) =>
        new("account.move", id, externalId, Day, "posted", [new AccountLine("121000", null, amount), new AccountLine("400000", "NW Emergency", -(credit ?? amount))]);

    private static PostingLedger Ledger(params ISinkEvent[] events)
    {
        var ledger = new PostingLedger();
        foreach (var e in events)
            ledger.Apply(Sink, e);
        return ledger;
    }

    private static PostingsQueued Queued(params (Posting Posting, bool Approval)[] postings) =>
        new(1, [.. postings.Select(p => new QueuedPosting(p.Posting, p.Approval))], At);

    private static PostingsDelivered Delivered(string key, string model, long id) => new([new DeliveredPosting(new PostingKey(key), model, id, false)], At.AddMinutes(1));

    private static ReconciliationReport Reconcile(PostingLedger ledger, params OdooRecord[] odoo) =>
        Reconciler.Reconcile(ReconciliationScope.Everything, ledger.Entries, [new OdooHoldings(Entity, "Northwind", odoo)], _ => "121000", k => k.Value.Replace('-', '_'));

    [Fact]
    public void Delivered_postings_that_Odoo_holds_as_sent_reconcile_without_differences()
    {
        var ledger = Ledger(Queued((Invoice("inv-1", 100m), false), (Payment("pay-1", "inv-1", 40m), false)),
            Delivered("inv-1", "account.move", 7), Delivered("pay-1", "account.payment", 3));

        var report = Reconcile(ledger, Move(7, "inv_1", 100m), new OdooRecord("account.payment", 3, "pay_1", Day, "in_process", [new AccountLine("BNK1 payments", null, 40m)]));

        Assert.Empty(report.Differences);
        Assert.Equal((1, 1), (report.EntriesChecked, report.EntriesBalanced));
        var revenue = Assert.Single(report.Rows, r => r.Account == "400000");
        Assert.Equal(("NW Emergency", -100m, -100m, -100m), (revenue.Department, revenue.Sources, revenue.Posted, revenue.Odoo));
        Assert.Equal(40m, Assert.Single(report.Rows, r => r.Account == "BNK1 payments").Odoo);
        Assert.All(report.Rows, r => Assert.True(r.Matches));
    }

    [Fact]
    public void A_record_gone_from_Odoo_one_it_does_not_know_and_a_changed_amount_are_unexplained()
    {
        var ledger = Ledger(Queued((Invoice("inv-1", 100m), false), (Invoice("inv-2", 50m), false)),
            Delivered("inv-1", "account.move", 7), Delivered("inv-2", "account.move", 8));

        var report = Reconcile(ledger, Move(8, "inv_2", 50m, credit: 45m), Move(9, "inv_3", 10m));

        Assert.Equal(4, report.Unexplained);
        Assert.Contains(report.Differences, d => d is { Kind: DifferenceKind.MissingInOdoo, Subject: "inv-1", Amount: 100m });
        Assert.Contains(report.Differences, d => d.Kind == DifferenceKind.UnexpectedInOdoo && d.Subject == "account.move 9");
        var differs = Assert.Single(report.Differences, d => d.Kind == DifferenceKind.AmountDiffers);
        Assert.Contains("400000 / NW Emergency -50.00 posted, -45.00 in Odoo", differs.Explanation);
        Assert.Contains(report.Differences, d => d.Kind == DifferenceKind.Unbalanced && d.Subject == "account.move 8");
        Assert.Equal(-150m, report.Rows.Single(r => r.Account == "400000").Posted);
        Assert.Equal(-55m, report.Rows.Single(r => r.Account == "400000").Odoo);
    }

    [Fact]
    public void Staged_parked_held_back_and_unconfirmed_postings_are_explained_not_counted_as_differences()
    {
        var ledger = Ledger(
            Queued((Invoice("inv-big", 30_000m), true), (Payment("pay-big", "inv-big", 500m), false), (Invoice("inv-bad", 20m), false), (Invoice("inv-new", 5m), false)),
            new PostingParked(new PostingKey("inv-bad"), "odoo.ValidationError", "account 400000 is deprecated", At));

        var report = Reconcile(ledger, Move(12, "inv_new", 5m));

        Assert.Equal(0, report.Unexplained);
        Assert.Equal(DifferenceKind.AwaitingApproval, report.Differences.Single(d => d.Subject == "inv-big").Kind);
        Assert.Contains("waits for inv-big (awaiting approval)", report.Differences.Single(d => d.Subject == "pay-big").Explanation);
        Assert.Contains("deprecated", report.Differences.Single(d => d is { Kind: DifferenceKind.Parked, Subject: "inv-bad" }).Explanation);
        // Odoo committed it but the sink has not confirmed yet: in flight, and Odoo's column shows it.
        Assert.Contains("the sink has not confirmed it yet", report.Differences.Single(d => d is { Kind: DifferenceKind.InFlight, Subject: "inv-new" }).Explanation);
        Assert.Equal(-30_025m, report.Rows.Single(r => r.Account == "400000").Sources);
        Assert.Equal(-5m, report.Rows.Single(r => r.Account == "400000").Odoo);
    }

    [Fact]
    public void The_ledger_keeps_delivered_summarized_and_discarded_postings_with_who_and_when()
    {
        var summary = new JournalEntryPosting(new PostingKey("sum-1"), Entity, "MISC", Day,
            [new JournalPostingLine("121000", "Revenue", Usd(150m), Usd(0)), new JournalPostingLine("400000", "Revenue", Usd(0), Usd(150m), "NW Emergency")]);
        var ledger = Ledger(
            Queued((Invoice("inv-1", 100m), false), (Invoice("inv-2", 50m), false), (Invoice("inv-3", 9m), false)),
            new PostingsSummarized([new PostingKey("inv-1"), new PostingKey("inv-2")], summary, true, At.AddMinutes(1)),
            new PostingApproved(new PostingKey("sum-1"), "finance.lead", At.AddMinutes(2)),
            Delivered("sum-1", "account.move", 21),
            new PostingRejected(new PostingKey("inv-3"), "cfo", "disputed", At.AddMinutes(3)),
            new PostingDiscarded(new PostingKey("inv-3"), "ops", "re-billed", At.AddMinutes(4)));

        Assert.Equal((PostingStatus.Summarized, new PostingKey("sum-1")), (ledger.Find(new PostingKey("inv-1"))!.Status, ledger.Find(new PostingKey("inv-1"))!.SummarizedInto));
        var delivered = ledger.Find(new PostingKey("sum-1"))!;
        Assert.Equal((PostingStatus.Delivered, "finance.lead", 21L, At.AddMinutes(1)), (delivered.Status, delivered.ApprovedBy, delivered.OdooId, delivered.DeliveredAt));
        Assert.Equal((PostingStatus.Discarded, "discarded by ops: re-billed"), (ledger.Find(new PostingKey("inv-3"))!.Status, ledger.Find(new PostingKey("inv-3"))!.Message));

        // Summarized invoices count once, through their summary.
        var report = Reconcile(ledger, new OdooRecord("account.move", 21, "sum_1", Day, "posted", [new AccountLine("121000", null, 150m), new AccountLine("400000", "NW Emergency", -150m)]));
        Assert.Equal(-159m, report.Rows.Single(r => r.Account == "400000").Sources);
        Assert.Equal(-150m, report.Rows.Single(r => r.Account == "400000").Posted);
        Assert.Equal(DifferenceKind.Discarded, Assert.Single(report.Differences).Kind);
    }
}
