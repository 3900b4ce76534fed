using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Lookup;
using ActorSync.Odoo.Postings;
using ActorSync.Odoo.Tests.Support;
using Xunit;

namespace ActorSync.Odoo.Tests.Postings;

/// <summary>Master data the sinks send again on their schedule: what was deleted in Odoo is made again, and used.</summary>
public sealed class MasterDataTests
{
    [Fact]
    public async Task Master_data_made_again_after_it_was_deleted_replaces_the_id_the_directory_found_before()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = new PostingWriter(client, _ => new OdooTarget(SimulatedOdoo.CompanyA));
        var account = new AnalyticAccountUpsert(new PostingKey("analytic-a-cardiology"), new LegalEntityId("a"), "Cardiology");
        var company = await writer.Directory.CompanyAsync(SimulatedOdoo.CompanyA, CancellationToken.None);
        var first = Assert.Single(await writer.WriteAsync([account])).OdooId!.Value;
        Assert.Equal(first, await writer.Directory.FindAnalyticAccountAsync(company, "Cardiology", CancellationToken.None));

        await client.ActAsync("account.analytic.account", "unlink", [first], company.Id, CancellationToken.None);
        var again = Assert.Single(await writer.WriteAsync([account]));

        Assert.Equal(PostingOutcome.Created, again.Outcome);
        Assert.NotEqual(first, again.OdooId);
        Assert.Equal(again.OdooId, await writer.Directory.FindAnalyticAccountAsync(company, "Cardiology", CancellationToken.None));
    }

    [Fact]
    public async Task A_writer_that_finds_master_data_another_writer_made_again_forgets_the_deleted_id()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var (here, elsewhere) = (new PostingWriter(client, _ => new OdooTarget(SimulatedOdoo.CompanyA)), new PostingWriter(client, _ => new OdooTarget(SimulatedOdoo.CompanyA)));
        var account = new AnalyticAccountUpsert(new PostingKey("analytic-a-oncology"), new LegalEntityId("a"), "Oncology");
        var company = await here.Directory.CompanyAsync(SimulatedOdoo.CompanyA, CancellationToken.None);
        var first = Assert.Single(await elsewhere.WriteAsync([account])).OdooId!.Value;
        Assert.Equal(first, await here.Directory.FindAnalyticAccountAsync(company, "Oncology", CancellationToken.None));

        await client.ActAsync("account.analytic.account", "unlink", [first], company.Id, CancellationToken.None);
        var made = Assert.Single(await elsewhere.WriteAsync([account])).OdooId;
        var found = Assert.Single(await here.WriteAsync([account]));

        Assert.Equal((PostingOutcome.AlreadyInOdoo, made), (found.Outcome, found.OdooId));
        Assert.Equal(made, await here.Directory.FindAnalyticAccountAsync(company, "Oncology", CancellationToken.None));
    }
}
