using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Fhir.Mapping;
using Xunit;

namespace ActorSync.Fhir.Tests;

/// <summary>PaymentNotice and PaymentReconciliation → payments on the invoices of the claims they pay, each payment once.</summary>
public sealed class PaymentMapperTests
{
    private static readonly SourceContext Context = new(new SourceId("payer-feed"), new DateTimeOffset(2026, 4, 2, 12, 0, 0, TimeSpan.Zero));

    private static readonly NetworkDirectory Directory = TestMapping.NorthwindGeneral(["Organization/nw-general"]);

    private const string Claim = """
        {"resourceType":"Claim","id":"claim-9","status":"active","type":{"coding":[{"code":"professional"}]},"use":"claim",
         "patient":{"reference":"Patient/p-1"},"created":"2026-03-14T11:00:00Z","provider":{"reference":"Organization/nw-general"},
         "priority":{"coding":[{"code":"normal"}]},"insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Medicaid"}}],
         "item":[{"sequence":1,"productOrService":{"text":"Visit"},"net":{"value":300,"currency":"USD"}}],"total":{"value":300,"currency":"USD"}}
        """;

    private const string Notice = """
        {"resourceType":"PaymentNotice","id":"pn-1","status":"active","request":{"reference":"Claim/claim-9"},"created":"2026-04-01",
         "payment":{"reference":"PaymentReconciliation/pr-1"},"paymentDate":"2026-03-31","recipient":{"display":"Northwind"},"amount":{"value":120,"currency":"USD"}}
        """;

    private const string Reconciliation = """
        {"resourceType":"PaymentReconciliation","id":"pr-1","status":"active","created":"2026-04-01","paymentDate":"2026-03-31",
         "paymentAmount":{"value":150,"currency":"USD"},"outcome":"complete",
         "detail":[{"type":{"coding":[{"code":"payment"}]},"request":{"reference":"Claim/claim-9"},"date":"2026-03-31","amount":{"value":120,"currency":"USD"}},
                   {"type":{"coding":[{"code":"advance"}]},"amount":{"value":30,"currency":"USD"}}]}
        """;

    private static (BundleMapper Mapper, DeciderFold Domain) Start()
    {
        var mapper = TestMapping.Mapper(Directory);
        var domain = new DeciderFold();
        foreach (var command in MapOne(mapper, Claim).Commands)
            domain.Apply(command);
        // The payer's EOB issued the invoice to it; payments come after.
        var invoice = new InvoiceKey(new SiteId("nw-general"), new InvoiceId("claim-9"));
        domain.Apply(new IssueInvoice(invoice, "Medicaid", new DateOnly(2026, 3, 20), new SourceStamp(Context.Source, "ExplanationOfBenefit", "eob-9", 0, "f", Context.ReceivedAt)));
        return (mapper, domain);
    }

    private static EntryResult MapOne(BundleMapper mapper, string resource) => TestMapping.MapOne(mapper, resource, Context);

    [Fact]
    public void A_notice_and_the_reconciliation_detail_for_the_same_payment_pay_the_invoice_once()
    {
        var (mapper, domain) = Start();

        var notice = Assert.IsType<RecordPayment>(Assert.Single(MapOne(mapper, Notice).Commands));
        var detail = Assert.IsType<RecordPayment>(Assert.Single(MapOne(mapper, Reconciliation).Commands));

        Assert.Equal(notice.PaymentId, detail.PaymentId);
        Assert.Equal((new InvoiceKey(new SiteId("nw-general"), new InvoiceId("claim-9")), Money.Of(120m, Currency.Usd), new DateOnly(2026, 3, 31)), (notice.Key, notice.Amount, notice.PaidOn));
        Assert.Equal(Outcome.Accepted, domain.Apply(notice));
        Assert.Equal(Outcome.Accepted, domain.Apply(detail));
        Assert.Equal(Money.Of(180m, Currency.Usd), domain.Invoices[notice.Key].Balance);
    }

    [Theory]
    [InlineData("\"status\":\"active\",\"request\":{\"reference\":\"Claim/claim-9\"}", "\"status\":\"cancelled\",\"request\":{\"reference\":\"Claim/claim-9\"}", "needs a person's decision")]
    [InlineData("\"request\":{\"reference\":\"Claim/claim-9\"}", "\"request\":{\"reference\":\"Claim/unknown\"}", "Claim/unknown, which is not known yet")]
    [InlineData("\"request\":{\"reference\":\"Claim/claim-9\"}", "\"request\":{\"identifier\":{\"system\":\"urn:claims\",\"value\":\"AB1\"}}", "only by identifier")]
    public void Payments_that_cannot_be_applied_are_parked_with_the_reason(string original, string replacement, string reason)
    {
        var (mapper, _) = Start();
        var resource = (original.Contains("status", StringComparison.Ordinal) ? Notice : Reconciliation).Replace(original, replacement, StringComparison.Ordinal);

        var result = MapOne(mapper, resource);

        Assert.Equal(EntryKind.Parked, result.Kind);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [FixtureFact]
    public void The_hl7_examples_are_valid_and_wait_for_claims_this_node_never_saw()
    {
        var (mapper, _) = Start();
        var folder = Path.Combine(SharedFixtures.Folder!, "examples", "hl7-fhir-r4-4.0.1");

        var results = new[] { "PaymentNotice-77654.json", "PaymentReconciliation-ER2500.json" }
            .Select(f => MapOne(mapper, File.ReadAllText(Path.Combine(folder, f)))).ToList();

        Assert.All(results, r => Assert.Equal(EntryKind.Parked, r.Kind));
    }
}
