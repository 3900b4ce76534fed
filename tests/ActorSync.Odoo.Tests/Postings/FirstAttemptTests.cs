using ActorSync.Domain.Postings;
using ActorSync.Odoo.Lookup;
using ActorSync.Odoo.Postings;
using ActorSync.Odoo.Tests.Support;
using Xunit;

namespace ActorSync.Odoo.Tests.Postings;

/// <summary>
/// A posting the caller has never sent is created without looking for an earlier attempt's record
/// (two calls fewer per batch); a wrong "never sent" is caught when the earlier attempt registered its
/// external id, and never adopts another company's record.
/// </summary>
public sealed class FirstAttemptTests
{
    private static CustomerInvoicePosting Invoice(string key) => ExactlyOnceTests.Invoice(key);

    private static HashSet<PostingKey> KeysOf(params Posting[] postings) => [.. postings.Select(p => p.Key)];

    [Fact]
    public async Task A_first_attempt_makes_only_the_create_the_external_ids_and_the_post()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = new PostingWriter(client, _ => new OdooTarget(SimulatedOdoo.CompanyA));
        await writer.WriteAsync([Invoice("warm-up")]);

        var before = sim.Simulator.CallCount;
        var retried = await writer.WriteAsync([Invoice("inv-looked-up-1"), Invoice("inv-looked-up-2")]);
        var lookedUp = sim.Simulator.CallCount - before;

        var first = new[] { Invoice("inv-first-1"), Invoice("inv-first-2") };
        before = sim.Simulator.CallCount;
        var results = await writer.WriteAsync(first, KeysOf(first));
        var calls = sim.Simulator.CallCount - before;

        Assert.All(retried.Concat(results), r => Assert.Equal(PostingOutcome.Created, r.Outcome));
        Assert.Equal(3, calls);
        Assert.Equal(lookedUp - 2, calls);
        Assert.All(first, p => Assert.Single(sim.Simulator.Records("account.move"), m => Equals(m["ref"], p.Key.Value) && Equals(m["state"], "posted")));
    }

    [Fact]
    public async Task A_posting_wrongly_called_a_first_attempt_still_lands_once()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = new PostingWriter(client, _ => new OdooTarget(SimulatedOdoo.CompanyA));
        var invoice = Invoice("inv-sent-before");
        var made = Assert.Single(await writer.WriteAsync([invoice]));

        var again = Assert.Single(await writer.WriteAsync([invoice], KeysOf(invoice)));

        Assert.Equal(PostingOutcome.AlreadyInOdoo, again.Outcome);
        Assert.Equal(made.OdooId, again.OdooId);
        var move = Assert.Single(sim.Simulator.Records("account.move"), m => Equals(m["ref"], invoice.Key.Value));
        Assert.Equal("posted", move["state"]);
    }

    [Fact]
    public async Task A_wrong_first_attempt_never_adopts_another_companys_record()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var invoice = Invoice("inv-other-company");
        Assert.Equal(PostingOutcome.Created, Assert.Single(await new PostingWriter(client, _ => new OdooTarget(SimulatedOdoo.CompanyA)).WriteAsync([invoice])).Outcome);

        var inB = Assert.Single(await new PostingWriter(client, _ => new OdooTarget(SimulatedOdoo.CompanyB)).WriteAsync([invoice], KeysOf(invoice)));

        Assert.Equal(PostingOutcome.Failed, inB.Outcome);
        Assert.Equal("actorsync.posting-refused", inB.Error?.Name);
        Assert.Single(sim.Simulator.Records("account.move"), m => Equals(m["ref"], invoice.Key.Value));
    }
}
