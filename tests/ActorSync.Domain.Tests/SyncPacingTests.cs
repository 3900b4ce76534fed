using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Sinks;
using Xunit;

namespace ActorSync.Domain.Tests;

/// <summary>Each workflow at its own sync mode within one sink, and the master-data schedule.</summary>
public sealed class SyncPacingTests
{
    private static readonly LegalEntityId Entity = new("northwind-health");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly PartnerRef Payer = new(new PostingKey("payer-1"), "Mercy");
    private static readonly SyncMode RealTime = new("real-time", TimeSpan.Zero, 100);
    private static readonly SyncMode TenMinutes = new("micro-batch", TimeSpan.FromMinutes(10), 3);

    private static CustomerInvoicePosting Invoice(string key) =>
        new(new PostingKey(key), Entity, Payer, "INV", new DateOnly(2026, 11, 30), [new InvoicePostingLine("Visit", 1, Money.Of(10m, Currency.Usd), "400000", null)]);

    private static PaymentPosting Payment(string key, string? invoice = null) =>
        new(new PostingKey(key), Entity, Payer, Money.Of(5m, Currency.Usd), new DateOnly(2026, 11, 30), "BNK1", invoice is null ? null : new PostingKey(invoice));

    private static IReadOnlyList<string> Due(IReadOnlyList<Posting> ready, SyncMode billing, SyncMode accounting, TimeSpan waited) =>
        [.. SyncPacing.Due(ready, _ => Now - waited, w => w == PostingWorkflow.Billing ? billing : accounting, Now).Select(p => p.Key.Value)];

    [Fact]
    public void Real_time_billing_goes_while_accounting_waits_for_its_window_or_size()
    {
        IReadOnlyList<Posting> ready = [Payment("pay-1"), Invoice("inv-1"), Payment("pay-2")];

        Assert.Equal(["inv-1"], Due(ready, RealTime, TenMinutes, TimeSpan.FromMinutes(1)));
        Assert.Equal(["pay-1", "inv-1", "pay-2"], Due(ready, RealTime, TenMinutes, TimeSpan.FromMinutes(10)));
        Assert.Equal(["pay-1", "inv-1", "pay-2"], Due(ready, RealTime, TenMinutes with { Size = 2 }, TimeSpan.Zero));
    }

    [Fact]
    public void A_due_workflow_takes_at_most_its_size_and_master_data_always_goes()
    {
        IReadOnlyList<Posting> ready = [new AnalyticAccountUpsert(new PostingKey("analytic-er"), Entity, "ER"), Invoice("inv-1"), Invoice("inv-2"), Invoice("inv-3")];

        Assert.Equal(["analytic-er", "inv-1", "inv-2"], Due(ready, RealTime with { Size = 2 }, TenMinutes, TimeSpan.Zero));
        Assert.Equal(["analytic-er"], Due(ready, TenMinutes with { Size = 5 }, TenMinutes, TimeSpan.Zero));
    }

    [Fact]
    public void More_master_data_than_a_batch_takes_goes_alone()
    {
        IReadOnlyList<Posting> ready = [.. Enumerable.Range(1, 3).Select(i => (Posting)new AnalyticAccountUpsert(new PostingKey($"analytic-{i}"), Entity, $"Dept {i}")), Invoice("inv-1")];

        var due = SyncPacing.Due(ready, _ => Now, w => w == PostingWorkflow.MasterData ? RealTime with { Size = 2 } : RealTime, Now);

        Assert.Equal(["analytic-1", "analytic-2"], due.Select(p => p.Key.Value));
    }

    [Fact]
    public void A_payment_never_goes_ahead_of_its_invoice_that_waits_for_its_own_workflow()
    {
        IReadOnlyList<Posting> ready = [Invoice("inv-1"), Payment("pay-1", "inv-1"), Payment("pay-2")];

        Assert.Equal(["pay-2"], Due(ready, TenMinutes with { Size = 5 }, RealTime, TimeSpan.Zero));
        Assert.Equal(["inv-1", "pay-1", "pay-2"], Due(ready, RealTime, RealTime, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("2026-11-30T01:00:00Z", "2026-11-30T02:00:00Z")]
    [InlineData("2026-11-30T02:00:00Z", "2026-12-01T02:00:00Z")]
    [InlineData("2026-11-30T23:59:00Z", "2026-12-01T02:00:00Z")]
    public void Daily_master_data_runs_next_at_its_time_of_day(string now, string next) =>
        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture),
            new SyncMode("daily", TimeSpan.FromDays(1), 500, new TimeOnly(2, 0)).NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Hourly_runs_on_the_next_hour_and_a_window_one_window_on()
    {
        var at = new DateTimeOffset(2026, 11, 30, 9, 41, 7, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), new SyncMode("hourly", TimeSpan.FromHours(1), 1).NextRun(at));
        Assert.Equal(at.AddSeconds(30), new SyncMode("micro-batch", TimeSpan.FromSeconds(30), 1).NextRun(at));
    }
}
