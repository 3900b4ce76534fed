using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class PostingTests
{
    private static readonly LegalEntityId Entity = new("northwind-health");
    private static Money Usd(decimal amount) => Money.Of(amount, Currency.Usd);
    private static JournalPostingLine Debit(string account, decimal amount) => new(account, "d", Usd(amount), Usd(0));
    private static JournalPostingLine Credit(string account, decimal amount) => new(account, "c", Usd(0), Usd(amount));

    [Fact]
    public void A_balanced_journal_entry_is_accepted()
    {
        var entry = new JournalEntryPosting(new PostingKey("je-1"), Entity, "MISC", new DateOnly(2026, 11, 30), [Debit("121000", 100.10m), Credit("400000", 60m), Credit("400100", 40.10m)]);
        Assert.Equal(3, entry.Lines.Count);
    }

    [Fact]
    public void An_unbalanced_journal_entry_is_refused_with_both_sums() =>
        Assert.Contains("debit 100.00 USD, credit 99.99 USD",
            Assert.Throws<DomainException>(() => new JournalEntryPosting(new PostingKey("je-2"), Entity, "MISC", new DateOnly(2026, 11, 30), [Debit("121000", 100m), Credit("400000", 99.99m)])).Message);

    [Fact]
    public void A_line_must_be_a_debit_or_a_credit_and_never_negative()
    {
        Assert.Throws<DomainException>(() => new JournalEntryPosting(new PostingKey("je-3"), Entity, "MISC", new DateOnly(2026, 11, 30),
            [new JournalPostingLine("121000", "both", Usd(5), Usd(5)), Credit("400000", 0.01m)]));
        Assert.Throws<DomainException>(() => new JournalEntryPosting(new PostingKey("je-4"), Entity, "MISC", new DateOnly(2026, 11, 30),
            [new JournalPostingLine("121000", "negative", Usd(-5), Usd(0)), new JournalPostingLine("400000", "negative", Usd(0), Usd(-5))]));
        Assert.Throws<DomainException>(() => new JournalEntryPosting(new PostingKey("je-5"), Entity, "MISC", new DateOnly(2026, 11, 30), [Debit("121000", 1m)]));
    }

    [Fact]
    public void Payments_consumptions_and_invoices_refuse_empty_amounts()
    {
        var payer = new PartnerRef(new PostingKey("payer-1"), "Mercy Payer");
        Assert.Throws<DomainException>(() => new PaymentPosting(new PostingKey("p"), Entity, payer, Usd(0), new DateOnly(2026, 11, 30), "BNK1"));
        Assert.Throws<DomainException>(() => new StockConsumptionPosting(new PostingKey("c"), Entity, new SiteId("nw-general"), "GLOVES", 0m, new DateOnly(2026, 11, 30)));
        Assert.Throws<DomainException>(() => new CustomerInvoicePosting(new PostingKey("i"), Entity, payer, "INV", new DateOnly(2026, 11, 30), []));
    }
}
