using System.Text.Json.Nodes;
using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Connection;
using ActorSync.Odoo.Errors;
using ActorSync.Odoo.Lookup;
using ActorSync.Odoo.Postings;
using ActorSync.Odoo.Tests.Support;
using Xunit;

namespace ActorSync.Odoo.Tests.Postings;

/// <summary>
/// Postings reach Odoo once whatever is lost on the way: the simulator commits a call and drops its
/// answer at each step of the write path, and the retried posting must find what was made.
/// </summary>
public sealed class ExactlyOnceTests
{
    private static readonly LegalEntityId Entity = new("hospital-a");
    private static readonly DateOnly Day = new(2026, 11, 30);
    private static readonly PartnerRef Payer = new(new PostingKey("payer-mercy"), "Mercy Payer Insurance");

    private static Money Usd(decimal amount) => Money.Of(amount, Currency.Usd);

    internal static CustomerInvoicePosting Invoice(string key, decimal amount = 100m, string account = "400000") =>
        new(new PostingKey(key), Entity, Payer, "INV", Day, [new InvoicePostingLine("Visit", 1, Usd(amount), account, null)]);

    private static PostingWriter Writer(OdooClient client) => new(client, _ => new OdooTarget(SimulatedOdoo.CompanyA));

    private static IEnumerable<IReadOnlyDictionary<string, object?>> MovesWithRef(OwnSimulator sim, string key) =>
        sim.Simulator.Records("account.move").Where(r => Equals(r["ref"], key));

    /// <summary>Retries the write as a sink would, until it stops failing transiently.</summary>
    private static async Task<IReadOnlyList<PostingResult>> WriteUntilDoneAsync(PostingWriter writer, IReadOnlyList<Posting> postings, int attempts = 20)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await writer.WriteAsync(postings);
            }
            catch (OdooException e) when (e.IsTransient && attempt < attempts)
            {
            }
        }
    }

    [Theory]
    [InlineData("account.move", "create", OdooProtocol.Json2)]
    [InlineData("ir.model.data", "create", OdooProtocol.Json2)]
    [InlineData("account.move", "action_post", OdooProtocol.Json2)]
    [InlineData("account.move", "create", OdooProtocol.JsonRpc)]
    [InlineData("ir.model.data", "create", OdooProtocol.JsonRpc)]
    [InlineData("account.move", "action_post", OdooProtocol.JsonRpc)]
    public async Task An_answer_lost_after_Odoo_committed_does_not_make_a_second_invoice(string model, string method, OdooProtocol protocol)
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client(protocol);
        var writer = Writer(client);
        Assert.Equal(PostingOutcome.Created, Assert.Single(await writer.WriteAsync([Invoice("warm-up")])).Outcome);

        sim.Faults.DropNextResponsesTo(model, method);
        var lost = await Assert.ThrowsAsync<OdooException>(() => writer.WriteAsync([Invoice("inv-lost-answer")]));
        Assert.True(lost.IsTransient);

        var retried = Assert.Single(await writer.WriteAsync([Invoice("inv-lost-answer")]));
        Assert.Equal(PostingOutcome.AlreadyInOdoo, retried.Outcome);
        var move = Assert.Single(MovesWithRef(sim, "inv-lost-answer"));
        Assert.Equal("posted", move["state"]);
        Assert.Single(sim.Simulator.Records("ir.model.data"), r => Equals(r["name"], ExternalIds.NameOf(new PostingKey("inv-lost-answer"))));
    }

    [Fact]
    public async Task A_write_that_timed_out_is_not_made_again_before_Odoos_time_limit()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client(change: s => s with { RequestTimeLimit = TimeSpan.FromSeconds(1.5), Timeout = TimeSpan.FromMilliseconds(300) });
        var writer = Writer(client);
        await writer.WriteAsync([Invoice("warm-up")]);

        // The create hangs past the client's timeout: for all the writer knows, Odoo may still commit it.
        sim.Faults.HangNextCallsTo("account.move", "create");
        Assert.True((await Assert.ThrowsAsync<OdooException>(() => writer.WriteAsync([Invoice("inv-late")]))).MayHaveCommitted);
        var settling = await Assert.ThrowsAsync<OdooException>(() => writer.WriteAsync([Invoice("inv-late")]));
        Assert.Equal("actorsync.settling", settling.Name);
        Assert.True(settling.IsTransient);
        Assert.Empty(MovesWithRef(sim, "inv-late"));

        await Task.Delay(TimeSpan.FromSeconds(1.6));
        Assert.Equal(PostingOutcome.Created, Assert.Single(await writer.WriteAsync([Invoice("inv-late")])).Outcome);
        Assert.Single(MovesWithRef(sim, "inv-late"));
    }

    [Fact]
    public async Task One_refused_payment_does_not_pay_the_other_invoices_of_its_batch_twice()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = Writer(client);
        await writer.WriteAsync([Invoice("inv-p1", 200m), Invoice("inv-p2", 200m)]);

        var results = await writer.WriteAsync(
        [
            new PaymentPosting(new PostingKey("pay-p1"), Entity, Payer, Usd(50m), Day, "BNK1", new PostingKey("inv-p1")),
            new PaymentPosting(new PostingKey("pay-p2"), Entity, Payer, Usd(50m), Day, "BNK1", new PostingKey("inv-p2")),
            new PaymentPosting(new PostingKey("pay-p3"), Entity, Payer, Usd(50m), Day, "BNK1", new PostingKey("inv-never")),
        ]);

        Assert.Equal([PostingOutcome.Created, PostingOutcome.Created, PostingOutcome.Failed], results.Select(r => r.Outcome));
        Assert.Single(sim.Simulator.Records("account.payment"), p => Equals(p["memo"], "pay-p1"));
        Assert.Single(sim.Simulator.Records("account.payment"), p => Equals(p["memo"], "pay-p2"));
        Assert.Equal(150m, Convert.ToDecimal(Assert.Single(MovesWithRef(sim, "inv-p2"))["amount_residual"]));
    }

    [Fact]
    public async Task A_payment_larger_than_what_its_invoice_has_left_is_refused_before_anything_is_written()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = Writer(client);
        await writer.WriteAsync([Invoice("inv-small", 40m)]);
        var result = Assert.Single(await writer.WriteAsync([new PaymentPosting(new PostingKey("pay-big"), Entity, Payer, Usd(90m), Day, "BNK1", new PostingKey("inv-small"))]));
        Assert.Equal(PostingOutcome.Failed, result.Outcome);
        Assert.Contains("more than", result.Error!.OdooMessage);
        Assert.Empty(sim.Simulator.Records("account.payment"));
    }

    [Fact]
    public async Task The_same_posting_twice_in_one_batch_is_written_once()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var results = await Writer(client).WriteAsync([Invoice("inv-twice"), Invoice("inv-twice")]);
        Assert.Equal(2, results.Count);
        Assert.Equal(results[0], results[1]);
        Assert.Single(MovesWithRef(sim, "inv-twice"));
    }

    [Fact]
    public async Task Two_writers_making_the_same_partner_at_once_leave_one_partner()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var locks = new MasterDataLocks();
        var writers = Enumerable.Range(0, 3).Select(_ => new PostingWriter(client, _ => new OdooTarget(SimulatedOdoo.CompanyA), locks)).ToList();
        var partner = new PartnerUpsert(new PostingKey("payer-shared"), Entity, "Shared Payer");
        var results = await Task.WhenAll(writers.Select(w => w.WriteAsync([partner])));
        Assert.Single(results.SelectMany(r => r).Select(r => r.OdooId).Distinct());
        Assert.Single(sim.Simulator.Records("res.partner"), p => Equals(p["ref"], "payer-shared"));
    }

    [Fact]
    public async Task A_record_made_before_a_crash_without_its_external_id_is_adopted()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = Writer(client);
        var company = await writer.Directory.CompanyAsync(SimulatedOdoo.CompanyA, default);
        var partner = Assert.Single(await client.CreateAsync("res.partner", [new JsonObject { ["name"] = "Walk-in" }], null, default));
        var orphan = Assert.Single(await client.CreateAsync("account.move", [new JsonObject
        {
            ["move_type"] = "out_invoice", ["partner_id"] = partner, ["ref"] = "inv-orphan", ["company_id"] = company.Id,
            ["invoice_line_ids"] = new JsonArray(new JsonArray(0, 0, new JsonObject { ["name"] = "Visit", ["quantity"] = 1, ["price_unit"] = 100.0 })),
        }], company.Id, default));

        var result = Assert.Single(await writer.WriteAsync([Invoice("inv-orphan")]));

        Assert.Equal(PostingOutcome.AlreadyInOdoo, result.Outcome);
        Assert.Equal(orphan, result.OdooId);
        Assert.Equal("posted", Assert.Single(MovesWithRef(sim, "inv-orphan"))["state"]);
        Assert.Single(sim.Simulator.Records("ir.model.data"), r => Equals(r["name"], ExternalIds.NameOf(new PostingKey("inv-orphan"))) && Convert.ToInt64(r["res_id"]) == orphan);
    }

    [Fact]
    public async Task A_lost_answer_to_a_registered_payment_pays_the_invoice_once()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = Writer(client);
        var invoice = Invoice("inv-paid", 200m);
        var payment = new PaymentPosting(new PostingKey("pay-1"), Entity, Payer, Usd(80m), Day, "BNK1", invoice.Key);
        await writer.WriteAsync([invoice]);

        sim.Faults.DropNextResponsesTo("account.payment.register", "action_create_payments");
        await Assert.ThrowsAsync<OdooException>(() => writer.WriteAsync([payment]));
        Assert.Equal(PostingOutcome.AlreadyInOdoo, Assert.Single(await writer.WriteAsync([payment])).Outcome);

        Assert.Single(sim.Simulator.Records("account.payment"), r => Equals(r["memo"], "pay-1"));
        Assert.Equal(120m, Convert.ToDecimal(Assert.Single(MovesWithRef(sim, "inv-paid"))["amount_residual"]));
    }

    [Fact]
    public async Task Randomly_dropped_answers_over_a_batch_still_leave_exactly_one_record_each()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = Writer(client);
        var invoices = Enumerable.Range(1, 30).Select(i => (Posting)Invoice($"inv-chaos-{i}", i)).ToList();
        sim.Faults.CommitThenDropRate = 0.3;

        var results = new List<PostingResult>();
        foreach (var chunk in invoices.Chunk(7))
            results.AddRange(await WriteUntilDoneAsync(writer, chunk));
        sim.Faults.CommitThenDropRate = 0;

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));
        foreach (var invoice in invoices)
            Assert.Equal("posted", Assert.Single(MovesWithRef(sim, invoice.Key.Value))["state"]);
    }

    [Fact]
    public async Task A_refused_posting_is_isolated_and_the_rest_of_its_batch_is_made()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = Writer(client);
        var results = await writer.WriteAsync(
        [
            new ProductUpsert(new PostingKey("prod-a"), Entity, "SUP-A", "Gloves"),
            new ProductUpsert(new PostingKey("prod-b"), Entity, "SUP-B", ""),
            new ProductUpsert(new PostingKey("prod-c"), Entity, "SUP-C", "Syringes"),
            Invoice("inv-unmapped", account: "777777"),
        ]);

        Assert.Equal([PostingOutcome.Created, PostingOutcome.Failed, PostingOutcome.Created, PostingOutcome.Failed], results.Select(r => r.Outcome));
        Assert.Equal("odoo.exceptions.ValidationError", results[1].Error!.Name);
        Assert.Contains("account '777777' does not exist in company 'ActorSync Hospital A Inc.'", results[3].Error!.OdooMessage);
        Assert.Equal(2, sim.Simulator.Records("product.product").Count(r => r["default_code"] is "SUP-A" or "SUP-C"));
    }

    [Fact]
    public async Task One_bad_posting_among_many_costs_a_few_calls_not_one_per_posting()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var products = Enumerable.Range(0, 64).Select(i => (Posting)new ProductUpsert(new PostingKey($"prod-{i}"), Entity, $"SUP-{i}", i == 41 ? "" : $"Supply {i}")).ToList();
        var before = sim.Simulator.CallCount;

        var results = await Writer(client).WriteAsync(products);

        Assert.Equal(63, results.Count(r => r.Outcome == PostingOutcome.Created));
        Assert.Equal(PostingOutcome.Failed, results[41].Outcome);
        // Halving: 1 + 2·log2(64) creates at most, plus look-ups and external ids per made batch.
        Assert.True(sim.Simulator.CallCount - before < 40, $"{sim.Simulator.CallCount - before} calls");
    }

    [Fact]
    public async Task A_payment_whose_invoice_was_never_posted_waits_as_a_missing_dependency()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var payment = new PaymentPosting(new PostingKey("pay-orphan"), Entity, Payer, Usd(10m), Day, "BNK1", new PostingKey("inv-never"));
        var result = Assert.Single(await Writer(client).WriteAsync([payment]));
        Assert.Equal(PostingOutcome.Failed, result.Outcome);
        Assert.Equal("actorsync.dependency-missing", result.Error!.Name);
        Assert.DoesNotContain(sim.Simulator.Records("account.payment"), r => Equals(r["memo"], "pay-orphan"));
    }

    [Fact]
    public async Task Postings_of_one_batch_go_out_in_multi_record_calls()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var writer = Writer(client);
        await writer.WriteAsync([Invoice("warm")]);
        var before = client.Stats.Calls;
        await writer.WriteAsync([.. Enumerable.Range(1, 40).Select(i => (Posting)Invoice($"inv-batch-{i}", i))]);
        // partner look-up, external ids, markers, one create, external ids, states, one action_post
        Assert.True(client.Stats.Calls - before <= 8, $"{client.Stats.Calls - before} calls for 40 invoices");
        Assert.Equal(40, Enumerable.Range(1, 40).Count(i => MovesWithRef(sim, $"inv-batch-{i}").Any()));
    }
}
