using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Postings;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class PostingDerivationTests
{
    private static readonly InvoiceKey Key = new(new SiteId("site-north"), new InvoiceId("inv-3001"));
    private static readonly LegalEntityId Entity = new("le-north");

    [Fact]
    public void A_sink_skips_reading_only_invoice_events_that_derive_no_posting()
    {
        var invoice = Scenarios.Invoice();
        var drafted = invoice.When(new DraftInvoice(Key, Entity, null, Currency.Usd, [new InvoiceLine("l1", "99213", "visit", 1m, Money.Of(120m, Currency.Usd), null)], new DateOnly(2025, 3, 12), TestStamps.Of("Invoice", "inv-3001", 1))).Events;
        var issued = invoice.When(new IssueInvoice(Key, "payer-acme", new DateOnly(2025, 3, 15), TestStamps.Of("Invoice", "inv-3001", 2))).Events;

        foreach (var e in drafted.Concat(issued))
        {
            var postings = PostingDerivation.ForInvoice(Key, invoice.State, e, LegalEntityDeciderTests.ValidProfile(), Entity);
            Assert.Equal(postings.Count > 0, PostingDerivation.MayPost(e));
        }
        Assert.Contains(issued, e => PostingDerivation.MayPost(e));
        Assert.Contains(drafted, e => !PostingDerivation.MayPost(e));
    }
}
