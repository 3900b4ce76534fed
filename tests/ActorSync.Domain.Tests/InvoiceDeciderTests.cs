using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class InvoiceDeciderTests
{
    private static readonly SiteId _site = new("site-north");
    private static readonly InvoiceKey _key = new(_site, new InvoiceId("inv-2001"));
    private static readonly LegalEntityId _entity = new("le-north");
    private static readonly EncounterKey _encounter = new(_site, new EncounterId("enc-1001"));
    private static readonly DateOnly _serviceDate = new(2025, 3, 12);
    private static readonly Currency _usd = Currency.Usd;

    private static Money Usd(decimal amount) => Money.Of(amount, _usd);

    private static InvoiceLine Line(string lineId, Money amount) => new(lineId, "99213", $"line {lineId}", 1m, amount, new DepartmentId("cardiology"));

    private static DraftInvoice Draft(long version, params InvoiceLine[] lines) =>
        new(_key, _entity, _encounter, _usd, lines, _serviceDate, TestStamps.Of("Invoice", "inv-2001", version));

    /// <summary>The usual bill: 700.00 + 300.00 = 1000.00 USD.</summary>
    private static DraftInvoice StandardDraft(long version = 1) => Draft(version, Line("l1", Usd(700m)), Line("l2", Usd(300m)));

    private static IssueInvoice Issue(long version = 2, string payer = "payer-acme") =>
        new(_key, payer, new DateOnly(2025, 3, 15), TestStamps.Of("Invoice", "inv-2001", version));

    private static RecordPayment Pay(string paymentId, Money amount, long version = 1) =>
        new(_key, paymentId, amount, new DateOnly(2025, 4, 1), TestStamps.Of("PaymentReconciliation", paymentId, version));

    private static ApplyAdjustment Adjust(string adjustmentId, AdjustmentKind kind, Money amount, long version = 1) =>
        new(_key, adjustmentId, kind, amount, "payer contract", TestStamps.Of("ClaimResponse", adjustmentId, version));

    private static VoidInvoice Void(long version) => new(_key, "billed to the wrong encounter", TestStamps.Of("Invoice", "inv-2001", version));

    private static Scenario<InvoiceState, IInvoiceCommand, IInvoiceEvent> Issued() => Scenarios.Invoice().Given(StandardDraft(), Issue());

    [Fact]
    public void Draft_totals_its_lines()
    {
        var invoice = Scenarios.Invoice();

        var drafted = Assert.IsType<InvoiceDrafted>(DecisionAssert.AcceptedOne(invoice.When(StandardDraft())));

        Assert.Equal(Usd(1000m), drafted.Total);
        Assert.Equal(InvoiceStatus.Draft, invoice.State.Status);
        Assert.Equal(_encounter, invoice.State.Encounter);
        Assert.Equal(2, invoice.State.Lines.Length);
        Assert.Equal(Usd(1000m), invoice.State.Total);
    }

    [Fact]
    public void Draft_total_of_float_amounts_agrees_to_the_cent()
    {
        var invoice = Scenarios.Invoice();

        var drafted = Assert.IsType<InvoiceDrafted>(DecisionAssert.AcceptedOne(invoice.When(Draft(1,
            Line("l1", Money.FromDouble(23278.016000000007, _usd)),
            Line("l2", Money.FromDouble(0.1 + 0.2, _usd))))));

        Assert.Equal(Usd(23278.32m), drafted.Total);
    }

    [Fact]
    public void Issue_sends_the_drafted_invoice_to_the_payer_with_its_total_open()
    {
        var invoice = Scenarios.Invoice().Given(StandardDraft());

        var issued = Assert.IsType<InvoiceIssued>(DecisionAssert.AcceptedOne(invoice.When(Issue())));

        Assert.Equal("payer-acme", issued.Payer);
        Assert.Equal(Usd(1000m), issued.Total);
        Assert.Equal(InvoiceStatus.Issued, invoice.State.Status);
        Assert.Equal("payer-acme", invoice.State.Payer);
        Assert.Equal(Usd(1000m), invoice.State.Balance);
    }

    [Fact]
    public void Issue_before_a_draft_is_refused()
    {
        DecisionAssert.Rejected(Scenarios.Invoice().When(Issue(1)), "not been drafted");
    }

    [Fact]
    public void Issue_without_a_payer_is_refused()
    {
        var invoice = Scenarios.Invoice().Given(StandardDraft());

        DecisionAssert.Rejected(invoice.When(Issue(payer: " ")), "payer");
        Assert.Equal(InvoiceStatus.Draft, invoice.State.Status);
    }

    [Fact]
    public void Issuing_again_to_the_same_payer_records_only_the_version()
    {
        var invoice = Issued();
        var again = Issue(3);

        DecisionAssert.VersionOnly(invoice.When(again), again.Stamp);
    }

    [Fact]
    public void Issuing_again_to_another_payer_is_refused()
    {
        var invoice = Issued();

        DecisionAssert.Rejected(invoice.When(Issue(3, payer: "payer-other")), "another payer");
        Assert.Equal("payer-acme", invoice.State.Payer);
    }

    [Fact]
    public void Payment_reduces_the_balance()
    {
        var invoice = Issued();

        var received = Assert.IsType<PaymentReceived>(DecisionAssert.AcceptedOne(invoice.When(Pay("pay-1", Usd(400m)))));

        Assert.Equal(Usd(600m), received.BalanceAfter);
        Assert.Equal(Usd(400m), invoice.State.Paid);
        Assert.Equal(Usd(600m), invoice.State.Balance);
    }

    [Fact]
    public void Payment_exceeding_the_balance_is_rejected_with_the_excess_amount()
    {
        var invoice = Issued().Given(Pay("pay-1", Usd(400m)));

        DecisionAssert.Rejected(invoice.When(Pay("pay-2", Usd(700m))), "pay-2", "open balance 600.00 USD", "by 100.00 USD");
        Assert.Equal(Usd(600m), invoice.State.Balance);
    }

    [Theory]
    [InlineData(AdjustmentKind.ContractualAllowance)]
    [InlineData(AdjustmentKind.WriteOff)]
    public void Adjustment_reduces_the_balance(AdjustmentKind kind)
    {
        var invoice = Issued();

        var applied = Assert.IsType<AdjustmentApplied>(DecisionAssert.AcceptedOne(invoice.When(Adjust("adj-1", kind, Usd(250m)))));

        Assert.Equal(kind, applied.Kind);
        Assert.Equal(Usd(750m), applied.BalanceAfter);
        Assert.Equal(Usd(250m), invoice.State.Adjusted);
        Assert.Equal(Usd(750m), invoice.State.Balance);
    }

    [Fact]
    public void Adjustment_exceeding_the_balance_is_rejected_with_the_excess_amount()
    {
        var invoice = Issued().Given(Pay("pay-1", Usd(900m)));

        DecisionAssert.Rejected(invoice.When(Adjust("adj-1", AdjustmentKind.WriteOff, Usd(100.01m))), "adj-1", "by 0.01 USD");
        Assert.Equal(Usd(100m), invoice.State.Balance);
    }

    [Fact]
    public void Allowance_write_off_and_payment_bring_the_balance_to_exactly_zero()
    {
        var invoice = Scenarios.Invoice().Given(
            Draft(1, Line("l1", Money.FromDouble(23278.016000000007, _usd))),
            Issue());

        var events = new[]
        {
            DecisionAssert.AcceptedOne(invoice.When(Adjust("adj-1", AdjustmentKind.ContractualAllowance, Usd(3278.01m)))),
            DecisionAssert.AcceptedOne(invoice.When(Adjust("adj-2", AdjustmentKind.WriteOff, Usd(0.01m)))),
            DecisionAssert.AcceptedOne(invoice.When(Pay("pay-1", Money.FromDouble(20000.000000000004, _usd)))),
        };

        Assert.True(Assert.IsType<PaymentReceived>(events[^1]).BalanceAfter.IsZero);
        Assert.True(invoice.State.Balance.IsZero);
        DecisionAssert.Rejected(invoice.When(Pay("pay-2", Usd(0.01m))), "by 0.01 USD");
    }

    [Fact]
    public void Duplicate_payment_is_acknowledged_without_new_events()
    {
        var invoice = Issued().Given(Pay("pay-1", Usd(400m)));
        var before = invoice.State;

        DecisionAssert.Duplicate(invoice.When(Pay("pay-1", Usd(400m))));
        Assert.Same(before, invoice.State);
        Assert.Equal(Usd(600m), invoice.State.Balance);
    }

    [Fact]
    public void Newer_version_of_the_same_payment_is_not_counted_twice()
    {
        var invoice = Issued().Given(Pay("pay-1", Usd(1000m)));
        var resent = Pay("pay-1", Usd(1000m), version: 2);

        DecisionAssert.VersionOnly(invoice.When(resent), resent.Stamp);
        Assert.Equal(Usd(1000m), invoice.State.Paid);
        Assert.True(invoice.State.Balance.IsZero);
    }

    [Fact]
    public void Same_payment_id_with_another_amount_is_refused()
    {
        var invoice = Issued().Given(Pay("pay-1", Usd(400m)));

        DecisionAssert.Rejected(invoice.When(Pay("pay-1", Usd(450m), version: 2)), "pay-1", "400.00 USD", "450.00 USD");
        Assert.Equal(Usd(400m), invoice.State.Paid);
    }

    [Fact]
    public void Same_adjustment_id_with_another_kind_is_refused()
    {
        var invoice = Issued().Given(Adjust("adj-1", AdjustmentKind.ContractualAllowance, Usd(50m)));

        DecisionAssert.Rejected(invoice.When(Adjust("adj-1", AdjustmentKind.WriteOff, Usd(50m), version: 2)), "adj-1", "ContractualAllowance");
        Assert.Equal(AdjustmentKind.ContractualAllowance, invoice.State.Adjustments["adj-1"].Kind);
    }

    [Fact]
    public void Older_version_is_out_of_order_and_changes_nothing()
    {
        var invoice = Scenarios.Invoice().Given(Draft(3, Line("l1", Usd(500m))));
        var before = invoice.State;

        DecisionAssert.OutOfOrder(invoice.When(StandardDraft(version: 2)), stale: 2, applied: 3);
        Assert.Same(before, invoice.State);
        Assert.Equal(Usd(500m), invoice.State.Total);
    }

    [Fact]
    public void Redraft_with_new_lines_replaces_them()
    {
        var invoice = Scenarios.Invoice().Given(StandardDraft());

        var drafted = Assert.IsType<InvoiceDrafted>(DecisionAssert.AcceptedOne(invoice.When(Draft(2, Line("l1", Usd(650m))))));

        Assert.Equal(Usd(650m), drafted.Total);
        Assert.Equal(Usd(650m), invoice.State.Total);
        Assert.Single(invoice.State.Lines);
    }

    [Fact]
    public void Redraft_with_the_same_lines_records_only_the_version()
    {
        var invoice = Scenarios.Invoice().Given(StandardDraft());
        var same = StandardDraft(version: 2);

        DecisionAssert.VersionOnly(invoice.When(same), same.Stamp);
        Assert.Equal(Usd(1000m), invoice.State.Total);
    }

    [Fact]
    public void Drafting_after_issue_is_refused()
    {
        var invoice = Issued();

        DecisionAssert.Rejected(invoice.When(Draft(3, Line("l1", Usd(1m)))), "issued", "adjustments");
        Assert.Equal(InvoiceStatus.Issued, invoice.State.Status);
        Assert.Equal(Usd(1000m), invoice.State.Total);
    }

    [Fact]
    public void Draft_for_another_legal_entity_is_refused()
    {
        var invoice = Scenarios.Invoice().Given(StandardDraft());

        DecisionAssert.Rejected(invoice.When(StandardDraft(2) with { LegalEntity = new LegalEntityId("le-south") }), "le-north", "le-south");
    }

    [Fact]
    public void Draft_without_lines_is_refused()
    {
        DecisionAssert.Rejected(Scenarios.Invoice().When(Draft(1)), "at least one line");
    }

    [Fact]
    public void Draft_line_in_another_currency_is_refused()
    {
        DecisionAssert.Rejected(Scenarios.Invoice().When(Draft(1, Line("l1", Usd(10m)), Line("l2", Money.Of(10m, Currency.Eur)))), "l2", "EUR", "USD");
    }

    [Fact]
    public void Draft_with_a_repeated_line_id_is_refused()
    {
        DecisionAssert.Rejected(Scenarios.Invoice().When(Draft(1, Line("l1", Usd(10m)), Line("l1", Usd(20m)))), "l1", "more than once");
    }

    [Fact]
    public void Draft_with_a_negative_total_is_refused_in_favour_of_a_credit_note()
    {
        DecisionAssert.Rejected(Scenarios.Invoice().When(Draft(1, Line("l1", Usd(10m)), Line("l2", Usd(-25m)))), "-15.00 USD", "credit note");
    }

    [Fact]
    public void Payment_on_a_draft_is_refused()
    {
        var invoice = Scenarios.Invoice().Given(StandardDraft());

        DecisionAssert.Rejected(invoice.When(Pay("pay-1", Usd(10m))), "pay-1", "issued", "draft");
        Assert.Empty(invoice.State.Payments);
    }

    [Fact]
    public void Payment_in_another_currency_is_refused()
    {
        var invoice = Issued();

        DecisionAssert.Rejected(invoice.When(Pay("pay-1", Money.Of(10m, Currency.Eur))), "pay-1", "EUR", "USD");
        Assert.Empty(invoice.State.Payments);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Payment_must_be_positive(int amount)
    {
        var invoice = Issued();

        DecisionAssert.Rejected(invoice.When(Pay("pay-1", Usd(amount))), "positive");
        Assert.Equal(Usd(1000m), invoice.State.Balance);
    }

    [Fact]
    public void Void_is_refused_when_payments_exist()
    {
        var invoice = Issued().Given(Pay("pay-1", Usd(400m)));

        DecisionAssert.Rejected(invoice.When(Void(3)), "payments of 400.00 USD", "refund");
        Assert.Equal(InvoiceStatus.Issued, invoice.State.Status);
    }

    [Fact]
    public void Void_of_an_unpaid_invoice_closes_it_for_payments()
    {
        var invoice = Issued().Given(Adjust("adj-1", AdjustmentKind.ContractualAllowance, Usd(100m)));

        var voided = Assert.IsType<InvoiceVoided>(DecisionAssert.AcceptedOne(invoice.When(Void(3))));

        Assert.Equal(Usd(1000m), voided.Total);
        Assert.Equal(InvoiceStatus.Voided, invoice.State.Status);
        DecisionAssert.Rejected(invoice.When(Pay("pay-1", Usd(10m))), "voided");
        DecisionAssert.Rejected(invoice.When(Issue(4)), "voided");
        DecisionAssert.Rejected(invoice.When(StandardDraft(4)), "voided");
    }

    [Fact]
    public void Void_of_a_draft_is_allowed()
    {
        var invoice = Scenarios.Invoice().Given(StandardDraft());

        Assert.IsType<InvoiceVoided>(DecisionAssert.AcceptedOne(invoice.When(Void(2))));
        Assert.Equal(InvoiceStatus.Voided, invoice.State.Status);
    }

    [Fact]
    public void Voiding_a_voided_invoice_again_records_only_the_version()
    {
        var invoice = Issued().Given(Void(3));
        var again = Void(4);

        DecisionAssert.VersionOnly(invoice.When(again), again.Stamp);
    }

    [Fact]
    public void Void_before_a_draft_is_refused()
    {
        DecisionAssert.Rejected(Scenarios.Invoice().When(Void(1)), "not been drafted");
    }
}
