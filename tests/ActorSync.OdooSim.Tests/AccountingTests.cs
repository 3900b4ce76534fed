using Xunit;

namespace ActorSync.OdooSim.Tests;

public sealed class AccountingTests
{
    [Fact]
    public async Task Creating_a_list_with_one_bad_row_creates_nothing()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var before = sim.Count("res.partner");

        var answer = await client.ExecuteAsync("res.partner", "create", """[[{"name":"ok 1"},{"ref":"no name"},{"name":"ok 3"}]]""");

        Assert.Equal("odoo.exceptions.ValidationError", answer.ErrorName);
        Assert.Equal("The operation cannot be completed: Contacts require a name", answer.ErrorMessage);
        Assert.Equal(before, sim.Count("res.partner"));
    }

    [Fact]
    public async Task An_unbalanced_entry_is_refused_at_create_and_leaves_nothing()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var (receivable, sales, misc) = (await TwoCompanies.AccountAsync(client, 1, "121000"), await TwoCompanies.AccountAsync(client, 1, "400000"), await TwoCompanies.JournalAsync(client, 1, "MISC"));

        var answer = await client.ExecuteAsync("account.move", "create", $$"""
            [{"move_type":"entry","journal_id":{{misc}},"line_ids":[[0,0,{"account_id":{{receivable}},"debit":500.0}],[0,0,{"account_id":{{sales}},"credit":400.0}]]}]
            """);

        Assert.Equal("odoo.exceptions.UserError", answer.ErrorName);
        Assert.Equal("The entry is not balanced.", answer.ErrorMessage);
        Assert.Equal(0, sim.Count("account.move"));
        Assert.Equal(0, sim.Count("account.move.line"));
    }

    [Fact]
    public async Task A_negative_debit_is_booked_as_a_credit()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var (receivable, sales, misc) = (await TwoCompanies.AccountAsync(client, 1, "121000"), await TwoCompanies.AccountAsync(client, 1, "400000"), await TwoCompanies.JournalAsync(client, 1, "MISC"));

        var move = await client.CreateAsync("account.move", $$"""
            {"move_type":"entry","journal_id":{{misc}},"line_ids":[[0,0,{"account_id":{{receivable}},"debit":-500.0}],[0,0,{"account_id":{{sales}},"credit":-500.0}]]}
            """);

        var lines = await client.CallAsync("account.move.line", "search_read", $$"""[[["move_id","=",{{move}}]]]""", """{"fields":["debit","credit","balance"],"order":"id"}""");
        Assert.Equal("""[{"id":1,"debit":0.0,"credit":500.0,"balance":-500.0},{"id":2,"debit":500.0,"credit":0.0,"balance":500.0}]""", lines!.ToJsonString());
    }

    [Fact]
    public async Task Posting_numbers_invoices_per_journal_and_year_and_entries_per_month()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var first = await TwoCompanies.InvoiceAsync(client);
        var second = await TwoCompanies.InvoiceAsync(client);
        var inB = await TwoCompanies.InvoiceAsync(client, extra: $$""","journal_id":{{await TwoCompanies.JournalAsync(client, 2, "INV")}}""");
        var (receivable, sales, misc) = (await TwoCompanies.AccountAsync(client, 1, "121000"), await TwoCompanies.AccountAsync(client, 1, "400000"), await TwoCompanies.JournalAsync(client, 1, "MISC"));
        var entry = await client.CreateAsync("account.move", $$"""
            {"move_type":"entry","journal_id":{{misc}},"date":"2021-01-31","line_ids":[[0,0,{"account_id":{{receivable}},"debit":5.0}],[0,0,{"account_id":{{sales}},"credit":5.0}]]}
            """);

        var posted = await client.ExecuteAsync("account.move", "action_post", $"[[{first},{second},{inB},{entry}]]");
        var names = await client.CallAsync("account.move", "read", $"[[{first},{second},{inB},{entry}]]", """{"fields":["name"]}""");

        Assert.Equal("false", posted.Result!.ToJsonString());
        Assert.Equal(["INV/2026/00001", "INV/2026/00002", "INV/2026/00001", "MISC/2021/01/0001"], names!.AsArray().Select(r => (string)r!["name"]!));
    }

    [Fact]
    public async Task A_post_that_is_rolled_back_gives_its_number_back()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var first = await TwoCompanies.InvoiceAsync(client);
        var second = await TwoCompanies.InvoiceAsync(client);
        var noCustomer = await client.CreateAsync("account.move", """
            {"move_type":"out_invoice","invoice_date":"2026-11-29","invoice_line_ids":[[0,0,{"name":"Room & board","quantity":1,"price_unit":10.0}]]}
            """);
        await client.CallAsync("account.move", "action_post", $"[[{first}]]");

        var refused = await client.ExecuteAsync("account.move", "action_post", $"[[{second},{noCustomer}]]");
        await client.CallAsync("account.move", "action_post", $"[[{second}]]");
        var names = await client.CallAsync("account.move", "read", $"[[{first},{second},{noCustomer}]]", """{"fields":["name","state"]}""");

        Assert.Equal("odoo.exceptions.UserError", refused.ErrorName);
        Assert.Equal("""[{"id":1,"name":"INV/2026/00001","state":"posted"},{"id":2,"name":"INV/2026/00002","state":"posted"},{"id":3,"name":false,"state":"draft"}]""", names!.ToJsonString());
    }

    [Fact]
    public async Task A_posted_invoice_can_be_neither_edited_nor_deleted_nor_posted_again()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var invoice = await TwoCompanies.InvoiceAsync(client);
        await client.CallAsync("account.move", "action_post", $"[[{invoice}]]");

        var edit = await client.ExecuteAsync("account.move", "write", $$"""[[{{invoice}}],{"invoice_line_ids":[[1,1,{"price_unit":1.0}]]}]""");
        var delete = await client.ExecuteAsync("account.move", "unlink", $"[[{invoice}]]");
        var again = await client.Json2Async("account.move", "action_post", $$"""{"ids":[{{invoice}}]}""");

        Assert.Equal("You cannot modify the following readonly fields on a posted move: invoice_line_ids", edit.ErrorMessage);
        Assert.StartsWith("You can't delete a posted journal item.", delete.ErrorMessage);
        Assert.Equal(422, again.Status);
        Assert.Equal($"The entry INV/2026/00001 (id {invoice}) must be in draft.", again.ErrorMessage);
        Assert.Equal(1000.0, (double)sim.Records("account.move").Single()["amount_total"]!);
    }

    [Fact]
    public async Task Invoice_lines_get_taxes_and_a_receivable_line_that_balances_the_invoice()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var product = await TwoCompanies.IdAsync(client, "product.product", """[["default_code","=","SAL-1"]]""");
        var department = await TwoCompanies.IdAsync(client, "account.analytic.account", """[["code","=","CARD"]]""");
        var invoice = await client.CreateAsync("account.move", $$$"""
            {"move_type":"out_invoice","partner_id":{{{await TwoCompanies.PartnerAsync(client)}}},
             "invoice_line_ids":[[0,0,{"product_id":{{{product}}},"quantity":2,"price_unit":10.0,"analytic_distribution":{"{{{department}}}":100}}]]}
            """);

        var move = await client.CallAsync("account.move", "read", $"[[{invoice}]]", """{"fields":["amount_untaxed","amount_tax","amount_total"]}""");
        var lines = sim.Records("account.move.line");

        Assert.Equal("""[{"id":1,"amount_untaxed":20.0,"amount_tax":3.0,"amount_total":23.0}]""", move!.ToJsonString());
        Assert.Equal(["product", "tax", "payment_term"], lines.Select(l => (string)l["display_type"]!));
        Assert.Equal(0.0, lines.Sum(l => (double)l["balance"]!));
        Assert.Equal(23.0, (double)lines.Single(l => (string?)l["display_type"] == "payment_term")["debit"]!);
    }

    [Fact]
    public async Task An_analytic_account_of_another_company_is_a_company_inconsistency()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var otherDepartment = await TwoCompanies.IdAsync(client, "account.analytic.account", """[["name","=","Clinic B Lab"]]""");

        var answer = await client.ExecuteAsync("account.move", "create", $$$"""
            [{"move_type":"out_invoice","partner_id":{{{await TwoCompanies.PartnerAsync(client)}}},
              "invoice_line_ids":[[0,0,{"name":"x","quantity":1,"price_unit":1.0,"analytic_distribution":{"{{{otherDepartment}}}":100}}]]}]
            """);

        Assert.Equal("odoo.exceptions.UserError", answer.ErrorName);
        Assert.StartsWith("Uh-oh! You\u2019ve got some company inconsistencies here:\n- \u201cx\u201d belongs to company \u201cActorSync Hospital A Inc.\u201d", answer.ErrorMessage);
        Assert.Equal(0, sim.Count("account.move"));
    }

    [Fact]
    public async Task Registering_the_full_amount_pays_the_invoice()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var invoice = await TwoCompanies.InvoiceAsync(client, price: 300.0);
        await client.CallAsync("account.move", "action_post", $"[[{invoice}]]");
        var context = $$$"""{"context":{"active_model":"account.move","active_ids":[{{{invoice}}}]}}""";

        var partial = await client.CreateAsync("account.payment.register", """{"amount":100.0,"communication":"first"}""", context);
        await client.CallAsync("account.payment.register", "action_create_payments", $"[[{partial}]]", context);
        var afterPartial = await client.CallAsync("account.move", "read", $"[[{invoice}]]", """{"fields":["amount_residual","payment_state"]}""");
        var rest = await client.CreateAsync("account.payment.register", "{}", context);
        var action = await client.CallAsync("account.payment.register", "action_create_payments", $"[[{rest}]]", context);
        var paid = await client.CallAsync("account.move", "read", $"[[{invoice}]]", """{"fields":["amount_residual","payment_state"]}""");

        Assert.Equal($$"""[{"id":{{invoice}},"amount_residual":200.0,"payment_state":"partial"}]""", afterPartial!.ToJsonString());
        Assert.Equal($$"""[{"id":{{invoice}},"amount_residual":0.0,"payment_state":"paid"}]""", paid!.ToJsonString());
        Assert.Equal("account.payment", (string)action!["res_model"]!);
        Assert.All(sim.Records("account.payment"), p => Assert.Equal("in_process", p["state"]));
        Assert.Equal(["PBNK1/2026/00001", "PBNK1/2026/00002"], sim.Records("account.payment").Select(p => (string)p["name"]!));
    }

    [Fact]
    public async Task A_method_returning_None_has_no_result_key_in_JSON_RPC_and_null_in_JSON_2()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var partner = await TwoCompanies.PartnerAsync(client);
        var payments = await client.Json2Async("account.payment", "create", $$$"""{"vals_list":{"payment_type":"inbound","partner_type":"customer","partner_id":{{{partner}}},"amount":50.0}}""");
        var ids = payments.Json!.AsArray();

        var rpc = await client.ExecuteAsync("account.payment", "action_post", $"[[{ids[0]}]]");
        var second = await client.CreateAsync("account.payment", $$"""{"partner_id":{{partner}},"amount":5.0}""");
        var json2 = await client.Json2Async("account.payment", "action_post", $$"""{"ids":[{{second}}]}""");

        Assert.Single(ids);
        Assert.Equal(["jsonrpc", "id"], rpc.Json!.AsObject().Select(p => p.Key));
        Assert.Equal((200, "null"), (json2.Status, json2.Text));
    }
}
