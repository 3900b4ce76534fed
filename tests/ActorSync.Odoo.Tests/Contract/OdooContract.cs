using System.Text.Json.Nodes;
using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Check;
using ActorSync.Odoo.Errors;
using ActorSync.Odoo.Lookup;
using ActorSync.Odoo.Postings;
using ActorSync.Odoo.Tests.Support;
using ActorSync.Odoo.Wire;
using Xunit;

namespace ActorSync.Odoo.Tests.Contract;

/// <summary>
/// What ActorSync relies on Odoo to do, asserted the same way against the simulator and, when one is
/// configured, a real Odoo — so the simulator's fidelity is checked by the same assertions. Every test
/// makes what it needs under unique names and never assumes ids. A real database needs one company
/// with the generic chart of accounts (accounts 121000/400000, journals INV/BNK1/MISC, a warehouse);
/// the multi-company tests need a second one.
/// </summary>
public abstract class OdooContract(OdooUnderTest odoo) : IDisposable
{
    private static readonly LegalEntityId Entity = new("contract-entity");
    private readonly OdooClient _client = odoo.SkipReason is null ? odoo.Client() : null!;

    protected OdooUnderTest Odoo => odoo;
    protected OdooClient Client => _client;

    public void Dispose() => _client?.Dispose();

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    protected async Task<IReadOnlyList<OdooCompany>> CompaniesAsync()
    {
        var rows = await Client.SearchReadAsync("res.company", [], ["name"], company: null, default);
        return [.. rows.Select(r => new OdooCompany(r["id"]!.GetValue<long>(), r["name"]!.GetValue<string>())).OrderBy(c => c.Id)];
    }

    protected async Task<(PostingWriter Writer, OdooCompany Company)> WriterAsync(int companyIndex = 0, string consumptionLocation = "Consumption")
    {
        var companies = await CompaniesAsync();
        Skip.If(companies.Count <= companyIndex, $"this Odoo has {companies.Count} companies; the test needs {companyIndex + 1}");
        var company = companies[companyIndex];
        return (new PostingWriter(Client, _ => new OdooTarget(company.Name, consumptionLocation)), company);
    }

    private void Available() => Skip.If(odoo.SkipReason is not null, odoo.SkipReason);

    private static Money Usd(decimal amount) => Money.Of(amount, Currency.Usd);
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static CustomerInvoicePosting Invoice(string key, PartnerRef payer, decimal amount, string account = "400000") =>
        new(new PostingKey(key), Entity, payer, "INV", Today, [new InvoicePostingLine("Emergency visit", 1, Usd(amount), account, null)]);

    [SkippableFact]
    public async Task Check_reports_version_user_and_companies()
    {
        Available();
        var report = await OdooCheck.RunAsync(Client, [], default);
        Assert.Matches(@"^\d+\.\d", report.ServerVersion);
        Assert.DoesNotContain("not found", report.User);
        Assert.NotEmpty(report.Companies);
        // The Odoo 18+ field every payment writes is there (a product's only matters when products are mapped).
        Assert.Equal(["account.payment.memo"], report.Items.Where(i => i.Kind == "field" && i.Found).Select(i => i.Name));
    }

    [SkippableFact]
    public async Task Check_names_a_field_the_server_does_not_have()
    {
        Available();
        var report = await OdooCheck.RunAsync(Client, [], default, [("res.partner", "name"), ("res.partner", "x_actorsync_no_such_field")]);

        Assert.Equal([("res.partner.name", true), ("res.partner.x_actorsync_no_such_field", false)], report.Items.Select(i => (i.Name, i.Found)));
        Assert.False(report.AllFound);
    }

    [SkippableFact]
    public async Task A_wrong_api_key_is_a_permanent_refusal_that_does_not_repeat_the_key()
    {
        Available();
        using var wrong = Odoo.Client(s => s with { ApiKey = Connection.OdooSecret.Of("wrong-key-0123456789") });
        var error = await Assert.ThrowsAsync<OdooException>(() => wrong.SearchReadAsync("res.partner", [], ["name"], null, default, limit: 1));
        Assert.False(error.IsTransient);
        Assert.Contains(error.Name, new[] { "odoo.exceptions.AccessDenied", "werkzeug.exceptions.Unauthorized" });
        Assert.DoesNotContain("wrong-key-0123456789", error.ToString());
        Assert.Equal(0, wrong.Stats.Retries);
    }

    [SkippableFact]
    public async Task Unknown_models_fields_and_methods_are_permanent_errors_with_Odoos_message()
    {
        Available();
        var model = await Assert.ThrowsAsync<OdooException>(() => Client.SearchReadAsync("x.no.such.model", [], ["name"], null, default));
        Assert.False(model.IsTransient);
        Assert.Contains("x.no.such.model", model.OdooMessage);

        var field = await Assert.ThrowsAsync<OdooException>(() => Client.CreateAsync("res.partner", [new JsonObject { ["name"] = "x", ["x_no_such_field"] = 1 }], null, default));
        Assert.Equal("builtins.ValueError", field.Name);
        Assert.Equal("Invalid field 'x_no_such_field' in 'res.partner'", field.OdooMessage);

        var method = await Assert.ThrowsAsync<OdooException>(() => Client.CallAsync(new OdooCall("res.partner", "no_such_method") { Ids = [1] }));
        Assert.False(method.IsTransient);
        Assert.Contains("no_such_method", method.OdooMessage);
    }

    [SkippableFact]
    public async Task A_multi_record_create_is_atomic()
    {
        Available();
        var refs = Enumerable.Range(0, 3).Select(_ => Unique("ATOM")).ToArray();
        var error = await Assert.ThrowsAsync<OdooException>(() => Client.CreateAsync("res.partner",
            [new JsonObject { ["name"] = "ok 1", ["ref"] = refs[0] }, new JsonObject { ["ref"] = refs[1] }, new JsonObject { ["name"] = "ok 3", ["ref"] = refs[2] }], null, default));
        Assert.Equal("odoo.exceptions.ValidationError", error.Name);
        Assert.Empty(await Client.SearchReadAsync("res.partner", OdooDomain.Where(("ref", "in", OdooDomain.Strings(refs))), ["id"], null, default));
    }

    [SkippableFact]
    public async Task A_missing_record_reads_as_nothing_not_as_an_error()
    {
        Available();
        var call = new OdooCall("res.partner", "read") { Ids = [987654321], SafeToRepeat = true }.With("fields", new JsonArray("name"));
        Assert.Empty(Assert.IsType<JsonArray>(await Client.CallAsync(call)));
    }

    [SkippableFact]
    public async Task An_invoice_posted_twice_is_one_posted_invoice()
    {
        Available();
        var (writer, company) = await WriterAsync();
        var payer = new PartnerRef(new PostingKey(Unique("payer")), Unique("Contract Payer"));
        var invoice = Invoice(Unique("inv"), payer, 300m);

        var first = Assert.Single(await writer.WriteAsync([invoice]));
        var second = Assert.Single(await writer.WriteAsync([invoice]));
        var fresh = Assert.Single(await new PostingWriter(Client, _ => new OdooTarget(company.Name)).WriteAsync([invoice]));

        Assert.Equal(PostingOutcome.Created, first.Outcome);
        Assert.Equal(PostingOutcome.AlreadyInOdoo, second.Outcome);
        Assert.Equal(PostingOutcome.AlreadyInOdoo, fresh.Outcome);
        Assert.Equal(first.OdooId, second.OdooId);
        var moves = await Client.SearchReadAsync("account.move", OdooDomain.Where(("ref", "=", invoice.Key.Value)), ["state", "name", "amount_total", "company_id", "move_type"], company.Id, default);
        var move = Assert.Single(moves);
        Assert.Equal("posted", move["state"]!.GetValue<string>());
        Assert.Equal("out_invoice", move["move_type"]!.GetValue<string>());
        Assert.StartsWith("INV/", move["name"]!.GetValue<string>());
        Assert.Equal(300m, move["amount_total"]!.GetValue<decimal>());
        Assert.Equal(company.Id, move["company_id"]!.AsArray()[0]!.GetValue<long>());
        var xmlid = await Client.SearchReadAsync("ir.model.data", OdooDomain.Where(("module", "=", "actorsync"), ("name", "=", ExternalIds.NameOf(invoice.Key))), ["res_id", "model"], null, default);
        Assert.Equal(first.OdooId, Assert.Single(xmlid)["res_id"]!.GetValue<long>());
    }

    [SkippableFact]
    public async Task A_credit_note_carries_its_taxes_and_the_departments_analytic_account()
    {
        Available();
        var (writer, company) = await WriterAsync();
        await EnsureAnalyticPlanAsync(company);
        var department = Unique("ER Department");
        var analytic = Assert.Single(await writer.WriteAsync([new AnalyticAccountUpsert(new PostingKey(Unique("dept")), Entity, department)]));
        var payer = new PartnerRef(new PostingKey(Unique("payer")), "Payer");
        var credit = new CustomerInvoicePosting(new PostingKey(Unique("cn")), Entity, payer, "INV", Today,
            [new InvoicePostingLine("Overbilled supplies", 2, Usd(50m), "400000", department, ["15%"])], CreditNote: true);

        var result = Assert.Single(await writer.WriteAsync([credit]));

        Assert.Equal(PostingOutcome.Created, result.Outcome);
        var move = Assert.Single(await Client.SearchReadAsync("account.move", OdooDomain.Where(("id", "=", result.OdooId!.Value)), ["move_type", "state", "amount_untaxed", "amount_tax"], company.Id, default));
        Assert.Equal("out_refund", move["move_type"]!.GetValue<string>());
        Assert.Equal("posted", move["state"]!.GetValue<string>());
        Assert.Equal(100m, move["amount_untaxed"]!.GetValue<decimal>());
        Assert.Equal(15m, move["amount_tax"]!.GetValue<decimal>());
        var line = Assert.Single(await Client.SearchReadAsync("account.move.line", OdooDomain.Where(("move_id", "=", result.OdooId!.Value), ("name", "=", "Overbilled supplies")), ["analytic_distribution"], company.Id, default));
        Assert.Equal(100m, line["analytic_distribution"]![analytic.OdooId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]!.GetValue<decimal>());
    }

    /// <summary>Analytic accounts need a plan; a fresh database may have none.</summary>
    private async Task EnsureAnalyticPlanAsync(OdooCompany company)
    {
        if ((await Client.SearchReadAsync("account.analytic.plan", [], ["id"], company.Id, default, limit: 1)).Count == 0)
            await Client.CreateAsync("account.analytic.plan", [new JsonObject { ["name"] = Unique("Departments") }], company.Id, default);
    }

    [SkippableFact]
    public async Task Posting_a_posted_move_again_is_a_user_error()
    {
        Available();
        var (writer, company) = await WriterAsync();
        var result = Assert.Single(await writer.WriteAsync([Invoice(Unique("inv"), new PartnerRef(new PostingKey(Unique("payer")), "Payer"), 10m)]));
        var error = await Assert.ThrowsAsync<OdooException>(() => Client.ActAsync("account.move", "action_post", [result.OdooId!.Value], company.Id, default));
        Assert.Equal("odoo.exceptions.UserError", error.Name);
        Assert.Contains("must be in draft", error.OdooMessage);
        Assert.False(error.IsTransient);
    }

    [SkippableFact]
    public async Task An_unbalanced_entry_is_refused_and_a_balanced_one_is_posted()
    {
        Available();
        var (writer, company) = await WriterAsync();
        var receivable = await writer.Directory.FindAccountAsync(company, "121000", default);
        var revenue = await writer.Directory.FindAccountAsync(company, "400000", default);
        var journal = await writer.Directory.FindJournalAsync(company, "MISC", default);
        var unbalanced = new JsonObject
        {
            ["move_type"] = "entry", ["journal_id"] = journal, ["company_id"] = company.Id,
            ["line_ids"] = new JsonArray(new JsonArray(0, 0, new JsonObject { ["account_id"] = receivable, ["debit"] = 10.0, ["credit"] = 0.0, ["name"] = "d" }),
                                         new JsonArray(0, 0, new JsonObject { ["account_id"] = revenue, ["debit"] = 0.0, ["credit"] = 9.0, ["name"] = "c" })),
        };
        var error = await Assert.ThrowsAsync<OdooException>(() => Client.CreateAsync("account.move", [unbalanced], company.Id, default));
        Assert.Equal("odoo.exceptions.UserError", error.Name);
        Assert.Equal("The entry is not balanced.", error.OdooMessage);

        var entry = new JournalEntryPosting(new PostingKey(Unique("je")), Entity, "MISC", Today,
            [new JournalPostingLine("121000", "Charges", Usd(125.50m), Usd(0)), new JournalPostingLine("400000", "Revenue", Usd(0), Usd(125.50m))]);
        var posted = Assert.Single(await writer.WriteAsync([entry]));
        Assert.Equal(PostingOutcome.Created, posted.Outcome);
        var lines = await Client.SearchReadAsync("account.move.line", OdooDomain.Where(("move_id", "=", posted.OdooId!.Value)), ["debit", "credit"], company.Id, default);
        Assert.Equal(2, lines.Count);
        Assert.Equal(125.50m, lines.Sum(l => l["debit"]!.GetValue<decimal>()));
        Assert.Equal(125.50m, lines.Sum(l => l["credit"]!.GetValue<decimal>()));
    }

    [SkippableFact]
    public async Task A_payment_for_an_invoice_is_reconciled_with_it_once()
    {
        Available();
        var (writer, company) = await WriterAsync();
        var payer = new PartnerRef(new PostingKey(Unique("payer")), Unique("Payer"));
        var invoice = Invoice(Unique("inv"), payer, 200m);
        var payment = new PaymentPosting(new PostingKey(Unique("pay")), Entity, payer, Usd(50m), Today, "BNK1", invoice.Key);

        var results = await writer.WriteAsync([invoice, payment]);
        Assert.All(results, r => Assert.Equal(PostingOutcome.Created, r.Outcome));
        Assert.Equal(PostingOutcome.AlreadyInOdoo, Assert.Single(await writer.WriteAsync([payment])).Outcome);

        var move = Assert.Single(await Client.SearchReadAsync("account.move", OdooDomain.Where(("id", "=", results[0].OdooId!.Value)), ["amount_residual", "payment_state"], company.Id, default));
        Assert.Equal(150m, move["amount_residual"]!.GetValue<decimal>());
        Assert.Contains(move["payment_state"]!.GetValue<string>(), new[] { "partial", "in_payment" });
        Assert.Single(await Client.SearchReadAsync("account.payment", OdooDomain.Where(("memo", "=", payment.Key.Value)), ["id"], company.Id, default));
    }

    [SkippableFact]
    public async Task Master_data_is_upserted_not_duplicated()
    {
        Available();
        var (writer, company) = await WriterAsync();
        var code = Unique("SUP");
        var key = new PostingKey(Unique("product"));
        var created = Assert.Single(await writer.WriteAsync([new ProductUpsert(key, Entity, code, "Gloves, nitrile")]));
        var updated = Assert.Single(await writer.WriteAsync([new ProductUpsert(key, Entity, code, "Gloves, nitrile, box of 100")]));
        Assert.Equal(PostingOutcome.Created, created.Outcome);
        Assert.Equal(PostingOutcome.AlreadyInOdoo, updated.Outcome);
        var product = Assert.Single(await Client.SearchReadAsync("product.product", OdooDomain.Where(("default_code", "=", code)), ["name", "is_storable"], company.Id, default));
        Assert.Equal("Gloves, nitrile, box of 100", product["name"]!.GetValue<string>());
        Assert.True(product["is_storable"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task A_product_made_by_hand_is_adopted_by_its_internal_reference()
    {
        Available();
        var (writer, company) = await WriterAsync();
        var code = Unique("HAND");
        var byHand = Assert.Single(await Client.CreateAsync("product.product", [new JsonObject { ["name"] = "Saline", ["default_code"] = code, ["type"] = "consu", ["is_storable"] = true }], company.Id, default));
        var result = Assert.Single(await writer.WriteAsync([new ProductUpsert(new PostingKey(Unique("product")), Entity, code, "Saline 0.9% 1L")]));
        Assert.Equal(PostingOutcome.AlreadyInOdoo, result.Outcome);
        Assert.Equal(byHand, result.OdooId);
    }

    [SkippableFact]
    public async Task Load_upserts_by_external_id()
    {
        Available();
        var xmlid = $"actorsync.{Unique("load").Replace('-', '_')}";
        var first = await Client.LoadAsync("res.partner", ["id", "name"], [new JsonArray(xmlid, "Loaded")], null, default);
        var again = await Client.LoadAsync("res.partner", ["id", "name"], [new JsonArray(xmlid, "Loaded again")], null, default);
        Assert.Equal(first, again);
        var error = await Assert.ThrowsAsync<OdooException>(() => Client.LoadAsync("res.partner", ["id", "name", "country_id"], [new JsonArray(xmlid + "_x", "Bad", "Atlantis")], null, default));
        Assert.False(error.IsTransient);
        Assert.Contains("Atlantis", error.OdooMessage);
    }

    [SkippableFact]
    public async Task Consumption_is_a_validated_transfer_and_a_replenishment_a_draft_RFQ()
    {
        Available();
        var companies = await CompaniesAsync();
        var company = companies[0];
        var location = Unique("Consumption");
        await Client.CreateAsync("stock.location", [new JsonObject { ["name"] = location, ["usage"] = "inventory", ["company_id"] = company.Id }], company.Id, default);
        var vendor = Unique("Vendor");
        await Client.CreateAsync("res.partner", [new JsonObject { ["name"] = vendor, ["is_company"] = true }], null, default);
        var (writer, _) = await WriterAsync(consumptionLocation: location);
        var code = Unique("SYR");
        var postings = new Posting[]
        {
            new ProductUpsert(new PostingKey(Unique("product")), Entity, code, "Syringe 5 ml"),
            new StockConsumptionPosting(new PostingKey(Unique("use")), Entity, new SiteId("site"), code, 12, Today),
            new ReplenishmentRequestPosting(new PostingKey(Unique("rfq")), Entity, code, 500, vendor),
        };
        var results = await writer.WriteAsync(postings);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.Message));

        var picking = Assert.Single(await Client.SearchReadAsync("stock.picking", OdooDomain.Where(("origin", "=", postings[1].Key.Value)), ["state", "location_dest_id"], company.Id, default));
        Assert.Equal("done", picking["state"]!.GetValue<string>());
        var order = Assert.Single(await Client.SearchReadAsync("purchase.order", OdooDomain.Where(("origin", "=", postings[2].Key.Value)), ["state", "partner_id"], company.Id, default));
        Assert.Equal("draft", order["state"]!.GetValue<string>());
        Assert.Equal(PostingOutcome.AlreadyInOdoo, (await writer.WriteAsync(postings))[1].Outcome);
    }

    [SkippableFact]
    public async Task A_company_cannot_see_or_use_another_companys_records()
    {
        Available();
        var (writerA, companyA) = await WriterAsync(0);
        var (_, companyB) = await WriterAsync(1);
        var invoice = Invoice(Unique("inv"), new PartnerRef(new PostingKey(Unique("payer")), "Payer"), 42m);
        var id = Assert.Single(await writerA.WriteAsync([invoice])).OdooId!.Value;

        Assert.Empty(await Client.SearchReadAsync("account.move", OdooDomain.Where(("id", "=", id)), ["name"], companyB.Id, default));
        var read = await Assert.ThrowsAsync<OdooException>(() => Client.CallAsync(new OdooCall("account.move", "read") { Ids = [id], Context = OdooOrm.CompanyContext(companyB.Id) }.With("fields", new JsonArray("name"))));
        Assert.Equal("odoo.exceptions.AccessError", read.Name);

        // The same posting key sent for company B must not reuse company A's invoice.
        var crossed = Assert.Single(await new PostingWriter(Client, _ => new OdooTarget(companyB.Name)).WriteAsync([invoice]));
        Assert.Equal(PostingOutcome.Failed, crossed.Outcome);
        Assert.Contains("another company", crossed.Error!.OdooMessage);
        Assert.Equal(companyA.Id, Assert.Single(await Client.SearchReadAsync("account.move", OdooDomain.Where(("ref", "=", invoice.Key.Value)), ["company_id"], null, default))["company_id"]!.AsArray()[0]!.GetValue<long>());
    }

    [SkippableFact]
    public async Task Naming_a_company_the_user_lacks_is_an_access_error()
    {
        Available();
        var error = await Assert.ThrowsAsync<OdooException>(() => Client.SearchReadAsync("res.partner", [], ["name"], company: 987654, default, limit: 1));
        Assert.Equal("odoo.exceptions.AccessError", error.Name);
        Assert.Equal("Access to unauthorized or invalid companies.", error.OdooMessage);
    }
}

[Trait("Category", "OdooContract")]
public sealed class SimulatedOdooJson2Contract(SimulatedOdooJson2 odoo) : OdooContract(odoo), IClassFixture<SimulatedOdooJson2>;

[Trait("Category", "OdooContract")]
public sealed class SimulatedOdooJsonRpcContract(SimulatedOdooJsonRpc odoo) : OdooContract(odoo), IClassFixture<SimulatedOdooJsonRpc>;

[Trait("Category", "OdooContract")]
public sealed class RealOdooJson2Contract(RealOdooJson2 odoo) : OdooContract(odoo), IClassFixture<RealOdooJson2>;

[Trait("Category", "OdooContract")]
public sealed class RealOdooJsonRpcContract(RealOdooJsonRpc odoo) : OdooContract(odoo), IClassFixture<RealOdooJsonRpc>;
