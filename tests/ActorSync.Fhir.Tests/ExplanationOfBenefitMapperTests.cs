using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Fhir.Mapping;
using Hl7.Fhir.Model;
using Xunit;
using Money = ActorSync.Domain.Common.Money;

namespace ActorSync.Fhir.Tests;

public sealed class ExplanationOfBenefitMapperTests
{
    private static readonly SourceContext Context = new(new SourceId("payer-feed"), new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly InvoiceKey Invoice = new(new SiteId("nw-general"), new InvoiceId("claim-1"));

    private static string Eob(string insurer, decimal paid, decimal submitted, decimal allowed) => $$$$"""
        {"resourceType":"ExplanationOfBenefit","id":"eob-1","status":"active",
         "type":{"coding":[{"code":"institutional"}]},"use":"claim","patient":{"reference":"urn:uuid:patient-1"},
         "created":"2026-03-20T10:00:00+00:00","insurer":{"display":"{{{{insurer}}}}"},"provider":{"reference":"Practitioner/1"},
         "claim":{"reference":"urn:uuid:claim-1"},"outcome":"complete",
         "insurance":[{"focal":true,"coverage":{"display":"{{{{insurer}}}}"}}],
         "item":[{"sequence":1,"productOrService":{"text":"x"},"adjudication":[
           {"category":{"coding":[{"code":"https://bluebutton.cms.gov/resources/variables/line_sbmtd_chrg_amt"}]},"amount":{"value":{{{{submitted}}}},"currency":"USD"}},
           {"category":{"coding":[{"code":"https://bluebutton.cms.gov/resources/variables/line_alowd_chrg_amt"}]},"amount":{"value":{{{{allowed}}}},"currency":"USD"}}]}],
         "payment":{"amount":{"value":{{{{paid}}}},"currency":"USD"}}}
        """;

    private static MappingResult Map(string json, InvoiceKey? known)
    {
        var (eob, stamp) = TestResources.Read<ExplanationOfBenefit>(json, Context);
        return new ExplanationOfBenefitMapper().Map(eob, stamp, _ => known);
    }

    [Fact]
    public void An_eob_issues_the_invoice_to_the_insurer_records_the_payment_and_the_contractual_allowance()
    {
        var mapped = Assert.IsType<MappingResult.Mapped>(Map(Eob("Medicare", 80m, 120m, 100m), Invoice));

        var issue = Assert.IsType<IssueInvoice>(mapped.Commands[0]);
        var payment = Assert.IsType<RecordPayment>(mapped.Commands[1]);
        var allowance = Assert.IsType<ApplyAdjustment>(mapped.Commands[2]);
        Assert.Equal(("Medicare", new DateOnly(2026, 3, 20)), (issue.Payer, issue.IssueDate));
        Assert.Equal(Money.Of(80m, Currency.Usd), payment.Amount);
        Assert.Equal((AdjustmentKind.ContractualAllowance, Money.Of(20m, Currency.Usd)), (allowance.Kind, allowance.Amount));
        Assert.Equal(["issue", "payment", "allowance"], mapped.Commands.Select(c => c.Stamp.Part));
    }

    [Fact]
    public void Without_insurance_and_payment_only_the_issue_remains_and_the_payer_is_self_pay()
    {
        var mapped = Assert.IsType<MappingResult.Mapped>(Map(Eob("NO_INSURANCE", 0m, 77.49m, 77.49m), Invoice));
        Assert.Equal("self-pay", Assert.IsType<IssueInvoice>(Assert.Single(mapped.Commands)).Payer);
    }

    [Fact]
    public void An_eob_for_a_claim_not_known_yet_is_parked()
    {
        var parked = Assert.IsType<MappingResult.Parked>(Map(Eob("Medicare", 80m, 100m, 100m), null));
        Assert.Contains("urn:uuid:claim-1", parked.Reason, StringComparison.Ordinal);
    }
}
