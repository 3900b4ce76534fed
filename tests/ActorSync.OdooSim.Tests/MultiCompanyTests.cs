using Xunit;

namespace ActorSync.OdooSim.Tests;

public sealed class MultiCompanyTests
{
    private const string SecretRecords = "Uh-oh! Looks like you have stumbled upon some top-secret records.";

    [Fact]
    public async Task Allowed_companies_filter_searches_and_refuse_reads_writes_and_creates_elsewhere()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var inB = await TwoCompanies.InvoiceAsync(client, extra: ""","company_id":2""");
        const string onlyA = """{"context":{"allowed_company_ids":[1]}}""";

        var searched = await client.CallAsync("account.move", "search_read", $$"""[[["id","=",{{inB}}]]]""", """{"fields":["name"],"context":{"allowed_company_ids":[1]}}""");
        var unrestricted = await client.CallAsync("account.move", "search", "[[]]");
        var read = await client.ExecuteAsync("account.move", "read", $"[[{inB}]]", """{"fields":["name"],"context":{"allowed_company_ids":[1]}}""");
        var write = await client.ExecuteAsync("account.move", "write", $$"""[[{{inB}}],{"narration":"x"}]""", onlyA);
        var create = await client.ExecuteAsync("res.partner", "create", """[{"name":"B only","company_id":2}]""", onlyA);

        Assert.Equal("[]", searched!.ToJsonString());
        Assert.Equal($"[{inB}]", unrestricted!.ToJsonString());
        Assert.Equal("odoo.exceptions.AccessError", read.ErrorName);
        Assert.StartsWith(SecretRecords, read.ErrorMessage);
        Assert.EndsWith("you might be able to access the record by switching to the company: ActorSync Clinic B LLC.", read.ErrorMessage);
        Assert.Equal("""{"suggested_company":{"id":2,"display_name":"ActorSync Clinic B LLC"}}""", read.Error!["data"]!["context"]!.ToJsonString());
        Assert.Contains("doesn't have 'read' access to:\n- Journal Entry (account.move)", write.ErrorMessage);
        Assert.Contains("doesn't have 'create' access to:\n- Contact (res.partner)", create.ErrorMessage);
    }

    [Fact]
    public async Task A_user_limited_to_one_company_can_neither_read_nor_select_another()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var inB = await TwoCompanies.InvoiceAsync(client, extra: ""","company_id":2""");
        var uid = await TwoCompanies.IdAsync(client, "res.users", """[["login","=","hosp_a_api"]]""");

        var read = await client.ExecuteAsync("account.move", "read", $"[[{inB}]]", """{"fields":["name"]}""", uid, "hospA-pw-123");
        var switched = await client.ExecuteAsync("account.move", "search_read", "[[]]", """{"context":{"allowed_company_ids":[2]}}""", uid, "hospA-pw-123");
        var json2 = await client.Json2Async("account.move", "search", """{"domain":[],"context":{"allowed_company_ids":[2]}}""", "hosp-a-key");

        Assert.EndsWith("but you do not have access to the proper company to access the record anyhow.", read.ErrorMessage);
        Assert.Equal($"Sorry, Hospital A API (id={uid}) doesn't have 'read' access to:", read.ErrorMessage!.Split('\n')[2]);
        Assert.Equal("Access to unauthorized or invalid companies.", switched.ErrorMessage);
        Assert.Equal((403, "odoo.exceptions.AccessError"), (json2.Status, json2.ErrorName));
    }

    [Fact]
    public async Task An_account_or_journal_of_another_company_is_refused_with_Odoos_inconsistency_message()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var salesOfB = await TwoCompanies.AccountAsync(client, 2, "400000");
        var journalOfB = await TwoCompanies.JournalAsync(client, 2, "INV");

        var account = await client.ExecuteAsync("account.move", "create", $$"""
            [{"move_type":"out_invoice","partner_id":{{await TwoCompanies.PartnerAsync(client)}},"invoice_line_ids":[[0,0,{"name":"x","quantity":1,"price_unit":1,"account_id":{{salesOfB}}}]]}]
            """);
        var journal = await client.ExecuteAsync("account.move", "create", $$"""[{"move_type":"out_invoice","company_id":1,"journal_id":{{journalOfB}}}]""");

        Assert.Equal(
            "Uh-oh! You\u2019ve got some company inconsistencies here:\n- \u201cx\u201d belongs to company \u201cActorSync Hospital A Inc.\u201d while \u201cAccount\u201d (account_id: 'Product Sales') belongs to another company.\nTo avoid a mess, no company crossover is allowed!",
            account.ErrorMessage);
        Assert.Contains("while \u201cJournal\u201d (journal_id: 'Customer Invoices') belongs to another company.", journal.ErrorMessage);
        Assert.Equal(0, sim.Count("account.move"));
    }

    [Fact]
    public async Task Shared_partners_and_products_are_visible_in_every_company()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);

        var partners = await client.CallAsync("res.partner", "search_count", """[[["name","=","Mercy Payer Insurance"]]]""", """{"context":{"allowed_company_ids":[2]}}""");
        var products = await client.CallAsync("product.product", "search_count", """[[["default_code","=","SAL-1"]]]""", """{"context":{"allowed_company_ids":[2]}}""");

        Assert.Equal((1, 1), ((int)partners!, (int)products!));
    }
}
