using ActorSync.Domain.Common;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Reporting;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class ReconciliationCsvTests
{
    private static readonly LegalEntityId Entity = new("northwind-health");
    private static readonly DateOnly Day = new(2026, 11, 29);

    private static ReconciliationReport Report() => new(
        ReconciliationScope.Everything,
        [new ReconciliationRow(Entity, Day, "NW-GEN Emergency", "400000", -1250.5m, -1250.5m, -1200m)],
        [new ReconciliationDifference(Entity, Day, DifferenceKind.AmountDiffers, "inv-nw-general-claim-7", 50.5m, "Odoo says \"1,200.00\", ActorSync 1,250.50")],
        3, 3);

    [Fact]
    public void Rows_are_one_line_each_with_invariant_amounts_and_whether_the_three_columns_match()
    {
        var csv = ReconciliationCsv.Rows(Report());

        Assert.Equal("legal_entity,day,department,account,sources,actorsync,odoo,matches\r\nnorthwind-health,2026-11-29,NW-GEN Emergency,400000,-1250.50,-1250.50,-1200.00,no\r\n", csv);
    }

    [Fact]
    public void Differences_quote_what_holds_commas_or_quotes()
    {
        var csv = ReconciliationCsv.Differences(Report());

        Assert.Equal("kind,unexplained,legal_entity,day,subject,amount,explanation\r\nAmountDiffers,yes,northwind-health,2026-11-29,inv-nw-general-claim-7,50.50,\"Odoo says \"\"1,200.00\"\", ActorSync 1,250.50\"\r\n", csv);
    }
}
