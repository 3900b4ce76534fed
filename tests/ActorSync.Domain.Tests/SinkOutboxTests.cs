using ActorSync.Domain.Common;
using ActorSync.Domain.LegalEntities;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class SinkOutboxTests
{
    private static readonly LegalEntityId Entity = new("northwind-health");
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly PartnerRef Payer = new(new PostingKey("payer-1"), "Mercy");
    private static readonly AccountMapping Accounts = new("121000", "400000", "400100", "400200", "600000", "INV", "BNK1", "MISC");

    private static Money Usd(decimal amount) => Money.Of(amount, Currency.Usd);

    private static CustomerInvoicePosting Invoice(string key, DateOnly day, params (decimal Amount, string Department)[] lines) =>
        new(new PostingKey(key), Entity, Payer, "INV", day, [.. lines.Select(l => new InvoicePostingLine("Visit", 1, Usd(l.Amount), "400000", l.Department))]);

    private static SinkState Queued(params Posting[] postings) =>
        SinkOutbox.Apply(SinkState.Empty, new PostingsQueued(7, [.. postings.Select(p => new QueuedPosting(p, false))], At));

    [Theory]
    [InlineData(new[] { 1, 1, 1, 1, 1 }, 3, 3)] // as many as fit
    [InlineData(new[] { 2, 2, 2 }, 3, 1)]       // the second would pass the limit
    [InlineData(new[] { 4, 1 }, 3, 1)]          // the first goes even when it alone passes the limit
    [InlineData(new[] { 0, 0, 1, 0, 1 }, 1, 4)] // items with nothing to queue go along; the next posting waits
    [InlineData(new[] { 0, 0 }, 0, 2)]          // nothing to queue: all are only acknowledged
    [InlineData(new[] { 1, 1 }, 10, 2)]
    public void Items_from_the_journal_go_into_the_outbox_together_as_far_as_max_pending_allows(int[] postingsPerItem, int room, int admitted) =>
        Assert.Equal(admitted, SinkOutbox.Admissible(postingsPerItem, room));

    [Fact]
    public void A_days_invoices_are_summarized_into_one_balanced_entry_per_department_and_account()
    {
        var day = new DateOnly(2026, 11, 29);
        var state = Queued(
            Invoice("inv-1", day, (100m, "ER"), (50m, "Lab")),
            Invoice("inv-2", day, (25.25m, "ER")),
            Invoice("inv-3", day.AddDays(1), (999m, "ER")));

        var summarized = SinkOutbox.Summarize(state, "nw-general", Accounts, new PostingRules(PostingGranularity.Summary, null, false), At)!;

        Assert.Equal([new PostingKey("inv-1"), new PostingKey("inv-2")], summarized.Invoices);
        Assert.Equal(new PostingKey("sum-nw-general-20261129-1"), summarized.Summary.Key);
        Assert.Equal([("121000", (string?)null, 175.25m, 0m), ("400000", "ER", 0m, 125.25m), ("400000", "Lab", 0m, 50m)],
            summarized.Summary.Lines.Select(l => (l.AccountCode, l.AnalyticAccount, l.Debit.Amount, l.Credit.Amount)));
        Assert.False(summarized.NeedsApproval);

        var after = SinkOutbox.Apply(state, summarized with { At = At.AddMinutes(5) });
        Assert.Equal(["sum-nw-general-20261129-1", "inv-3"], after.Outbox.Select(e => e.Posting.Key.Value));
        // Queued when its invoices were: the accounting window that made it does not start again.
        Assert.Equal(At, after.Outbox[0].QueuedAt);
        Assert.Equal((1L, 2L), (after.Summaries, after.Summarized));
        Assert.Equal(new PostingKey("sum-nw-general-20261130-2"), SinkOutbox.Summarize(after, "nw-general", Accounts, new PostingRules(PostingGranularity.Summary, null, false), At)!.Summary.Key);
    }

    [Fact]
    public void Summaries_wait_for_approval_when_the_legal_entity_says_so_or_they_pass_the_threshold()
    {
        var state = Queued(Invoice("inv-1", new DateOnly(2026, 11, 29), (300m, "ER")));
        Assert.True(SinkOutbox.Summarize(state, "s", Accounts, new PostingRules(PostingGranularity.Summary, null, true), At)!.NeedsApproval);
        Assert.True(SinkOutbox.Summarize(state, "s", Accounts, new PostingRules(PostingGranularity.Summary, Usd(250m), false), At)!.NeedsApproval);
        Assert.False(SinkOutbox.Summarize(state, "s", Accounts, new PostingRules(PostingGranularity.Summary, Usd(500m), false), At)!.NeedsApproval);
    }

    [Fact]
    public void A_retried_rejection_goes_back_to_an_approver_and_a_retried_Odoo_refusal_goes_to_Odoo()
    {
        var day = new DateOnly(2026, 11, 29);
        var state = SinkOutbox.Apply(SinkState.Empty, new PostingsQueued(7, [new QueuedPosting(Invoice("inv-big", day, (90_000m, "ER")), true), new QueuedPosting(Invoice("inv-1", day, (10m, "ER")), false)], At));
        state = SinkOutbox.Apply(state, new PostingRejected(new PostingKey("inv-big"), "finance.lead", "totals disputed", At));
        state = SinkOutbox.Apply(state, new PostingParked(new PostingKey("inv-1"), "odoo.ValidationError", "no account", At));

        state = SinkOutbox.Apply(state, new PostingRetried(new PostingKey("inv-big"), "ops", At));
        state = SinkOutbox.Apply(state, new PostingRetried(new PostingKey("inv-1"), "ops", At));

        Assert.Equal((OutboxStatus.AwaitingApproval, (string?)null), (state.Find(new PostingKey("inv-big"))!.Status, state.Find(new PostingKey("inv-big"))!.Cause));
        Assert.Equal(OutboxStatus.Pending, state.Find(new PostingKey("inv-1"))!.Status);
        var ledger = new Reconciliation.PostingLedger();
        ledger.Apply("s", new PostingsQueued(7, [new QueuedPosting(Invoice("inv-big", day, (90_000m, "ER")), true)], At));
        ledger.Apply("s", new PostingRejected(new PostingKey("inv-big"), "finance.lead", "totals disputed", At));
        ledger.Apply("s", new PostingRetried(new PostingKey("inv-big"), "ops", At));
        Assert.Equal(Reconciliation.PostingStatus.AwaitingApproval, ledger.Find(new PostingKey("inv-big"))!.Status);
    }

    [Fact]
    public void Master_data_goes_first_and_a_held_invoice_holds_back_only_its_payment()
    {
        var day = new DateOnly(2026, 11, 29);
        var big = Invoice("inv-big", day, (90_000m, "ER"));
        var state = SinkOutbox.Apply(SinkState.Empty, new PostingsQueued(1,
        [
            new QueuedPosting(big, true),
            new QueuedPosting(new PaymentPosting(new PostingKey("pay-big"), Entity, Payer, Usd(10m), day, "BNK1", big.Key), false),
            new QueuedPosting(Invoice("inv-small", day, (10m, "ER")), false),
            new QueuedPosting(new ProductUpsert(new PostingKey("product-1"), Entity, "GLOVES"), false),
        ], At));

        Assert.Equal(["product-1", "inv-small"], SinkOutbox.NextBatch(state, 10).Select(p => p.Key.Value));
        var approved = SinkOutbox.Apply(state, new PostingApproved(big.Key, "cfo", At));
        Assert.Equal(["product-1", "inv-big", "pay-big", "inv-small"], SinkOutbox.NextBatch(approved, 10).Select(p => p.Key.Value));
    }

    [Fact]
    public void An_adjustment_waits_for_its_staged_invoice_and_a_held_summary_holds_its_invoices_dependents()
    {
        var day = new DateOnly(2026, 11, 29);
        var big = Invoice("inv-big", day, (90_000m, "ER"));
        var adjustment = new JournalEntryPosting(new PostingKey("adj-big"), Entity, "MISC", day,
            [new JournalPostingLine("400100", "allowance", Usd(5m), Usd(0)), new JournalPostingLine("121000", "allowance", Usd(0), Usd(5m))]) { DependsOn = big.Key };
        var staged = SinkOutbox.Apply(SinkState.Empty, new PostingsQueued(1, [new QueuedPosting(big, true), new QueuedPosting(adjustment, false)], At));
        Assert.Empty(SinkOutbox.NextBatch(staged, 10));

        var pending = Queued(Invoice("inv-1", day, (10m, "ER")), adjustment with { DependsOn = new PostingKey("inv-1") });
        var rules = new PostingRules(PostingGranularity.Summary, null, ApproveSummaryBatches: true);
        var summarized = SinkOutbox.Apply(pending, SinkOutbox.Summarize(pending, "s", Accounts, rules, At)!);
        Assert.Empty(SinkOutbox.NextBatch(summarized, 10));
        var summaryKey = summarized.Outbox.Single(e => e.Members is not null).Posting.Key;
        var approved = SinkOutbox.Apply(summarized, new PostingApproved(summaryKey, "cfo", At));
        Assert.Equal([summaryKey.Value, "adj-big"], SinkOutbox.NextBatch(approved, 10).Select(p => p.Key.Value));
    }

    [Fact]
    public void Invoices_waiting_to_be_summarized_hold_back_their_adjustments()
    {
        var day = new DateOnly(2026, 11, 29);
        var state = Queued(Invoice("inv-1", day, (10m, "ER")),
            new JournalEntryPosting(new PostingKey("adj-1"), Entity, "MISC", day,
                [new JournalPostingLine("400100", "allowance", Usd(5m), Usd(0)), new JournalPostingLine("121000", "allowance", Usd(0), Usd(5m))]) { DependsOn = new PostingKey("inv-1") });
        Assert.Empty(SinkOutbox.NextBatch(state, 10, p => p is CustomerInvoicePosting));
    }

    [Fact]
    public void Master_data_is_remembered_once_queued_and_a_day_of_two_currencies_makes_two_summaries()
    {
        var day = new DateOnly(2026, 11, 29);
        var state = Queued(new ProductUpsert(new PostingKey("product-1"), Entity, "GLOVES"),
            Invoice("inv-usd", day, (10m, "ER")),
            new CustomerInvoicePosting(new PostingKey("inv-eur"), Entity, Payer, "INV", day, [new InvoicePostingLine("Visit", 1, Money.Of(20m, Currency.Eur), "400000", "ER")]));
        Assert.Contains(new PostingKey("product-1"), state.MasterDataQueued);
        var rules = new PostingRules(PostingGranularity.Summary, null, false);
        var first = SinkOutbox.Summarize(state, "s", Accounts, rules, At)!;
        var second = SinkOutbox.Summarize(SinkOutbox.Apply(state, first), "s", Accounts, rules, At)!;
        Assert.Single(first.Invoices);
        Assert.Single(second.Invoices);
        Assert.NotEqual(first.Summary.Lines[0].Debit.Currency, second.Summary.Lines[0].Debit.Currency);
    }

    [Fact]
    public void Delivered_postings_leave_the_outbox_and_a_posting_queued_twice_is_kept_once()
    {
        var invoice = Invoice("inv-1", new DateOnly(2026, 11, 29), (1m, "ER"));
        var state = SinkOutbox.Apply(Queued(invoice), new PostingsQueued(9, [new QueuedPosting(invoice, false)], At));
        Assert.Single(state.Outbox);
        Assert.Equal(9, state.Offset);
        var delivered = SinkOutbox.Apply(state, new PostingsDelivered([new DeliveredPosting(invoice.Key, "account.move", 4, false)], At));
        Assert.Empty(delivered.Outbox);
        Assert.Equal(1, delivered.Delivered);
    }

    [Fact]
    public void Reposted_postings_queue_again_once_and_leave_the_delivered_count_until_Odoo_confirms_them()
    {
        var day = new DateOnly(2026, 11, 29);
        var invoice = Invoice("inv-1", day, (100m, "ER"));
        var delivered = SinkOutbox.Apply(Queued(invoice), new PostingsDelivered([new DeliveredPosting(invoice.Key, "account.move", 5, false)], At));
        var repost = new PostingsReposted([invoice, invoice], "ops", At.AddDays(1));

        var state = SinkOutbox.Apply(SinkOutbox.Apply(delivered, repost), repost);

        Assert.Equal(1, delivered.Delivered);
        var entry = Assert.Single(state.Outbox);
        Assert.Equal((invoice.Key, OutboxStatus.Pending, At.AddDays(1)), (entry.Posting.Key, entry.Status, entry.QueuedAt));
        Assert.Equal(0, state.Delivered);
        Assert.Equal(1, SinkOutbox.Apply(state, new PostingsDelivered([new DeliveredPosting(invoice.Key, "account.move", 5, true)], At.AddDays(1))).Delivered);
    }

    [Fact]
    public void The_ledger_counts_a_repost_and_keeps_the_new_delivery_whether_applied_in_memory_or_by_changes()
    {
        var invoice = Invoice("inv-1", new DateOnly(2026, 11, 29), (100m, "ER"));
        ISinkEvent[] events =
        [
            new PostingsQueued(7, [new QueuedPosting(invoice, false)], At),
            new PostingsDelivered([new DeliveredPosting(invoice.Key, "account.move", 5, false)], At.AddMinutes(1)),
            new PostingsReposted([invoice], "ops", At.AddDays(1)),
            new PostingsDelivered([new DeliveredPosting(invoice.Key, "account.move", 5, true)], At.AddDays(1).AddMinutes(1)),
        ];
        var ledger = new Reconciliation.PostingLedger();
        var byChanges = new Dictionary<PostingKey, Reconciliation.LedgerEntry>();
        foreach (var e in events)
        {
            ledger.Apply("sink", e);
            foreach (var changed in Reconciliation.PostingLedger.Changes(byChanges.GetValueOrDefault, "sink", e))
                byChanges[changed.Posting.Key] = changed;
        }

        var entry = ledger.Find(invoice.Key)!;
        Assert.Equal((Reconciliation.PostingStatus.Delivered, 1, true, At.AddDays(1).AddMinutes(1)), (entry.Status, entry.Reposts, entry.AlreadyInOdoo, entry.DeliveredAt));
        Assert.Equal(entry, byChanges[invoice.Key]);
    }
    [Fact]
    public void A_payment_refused_only_because_its_invoice_failed_in_the_same_batch_stays_pending_behind_it()
    {
        var day = new DateOnly(2026, 11, 30);
        var invoice = Invoice("inv-1", day, (100m, "ER"));
        var payment = new PaymentPosting(new PostingKey("pay-1"), Entity, Payer, Usd(40m), day, "BNK1", invoice.Key);
        var orphan = new PaymentPosting(new PostingKey("pay-2"), Entity, Payer, Usd(10m), day, "BNK1", new PostingKey("inv-elsewhere"));

        var park = SinkOutbox.ToPark(Queued(invoice, payment, orphan), [invoice, payment, orphan],
            [(invoice.Key, "odoo.exceptions.ValidationError"), (payment.Key, SinkOutbox.DependencyMissing), (orphan.Key, SinkOutbox.DependencyMissing)]);

        // The orphan's invoice did not fail here: Odoo lacks it, and that is worth a person's look.
        Assert.Equal([invoice.Key, orphan.Key], park);
        var state = SinkOutbox.Apply(Queued(invoice, payment), new PostingParked(invoice.Key, "odoo.exceptions.ValidationError", "bad account", At));
        Assert.Equal(1, SinkOutbox.HeldBack(state));
    }
    [Fact]
    public void A_payment_whose_invoice_is_in_a_summary_that_failed_in_the_same_batch_stays_pending_too()
    {
        var day = new DateOnly(2026, 11, 29);
        var invoice = Invoice("inv-1", day, (100m, "ER"));
        var summarized = SinkOutbox.Summarize(Queued(invoice), "nw-general", Accounts, new PostingRules(PostingGranularity.Summary, null, false), At)!;
        var payment = new PaymentPosting(new PostingKey("pay-1"), Entity, Payer, Usd(40m), day, "BNK1", invoice.Key);
        var state = SinkOutbox.Apply(SinkOutbox.Apply(Queued(invoice), summarized), new PostingsQueued(0, [new QueuedPosting(payment, false)], At));

        var park = SinkOutbox.ToPark(state, [summarized.Summary, payment], [(summarized.Summary.Key, "odoo.exceptions.ValidationError"), (payment.Key, SinkOutbox.DependencyMissing)]);

        Assert.Equal([summarized.Summary.Key], park);
    }
}
