using Xunit;

namespace ActorSync.OdooSim.Tests;

public sealed class ProtocolTests
{
    [Fact]
    public async Task Version_is_answered_on_common_and_on_web_version()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        const string version = """{"server_version":"19.0","server_version_info":[19,0,0,"final",0,""],"server_serie":"19.0","protocol_version":1}""";

        var common = await client.PostAsync("/jsonrpc", """{"jsonrpc":"2.0","method":"call","params":{"service":"common","method":"version","args":[]},"id":1}""");
        var web = await client.PostAsync("/web/version", """{"jsonrpc":"2.0","method":"call","params":{},"id":7}""");

        Assert.Equal($$"""{"jsonrpc":"2.0","id":1,"result":{{version}}}""", common.Text);
        Assert.Equal($$"""{"jsonrpc":"2.0","id":7,"result":{{version}}}""", web.Text);
    }

    [Fact]
    public async Task Login_answers_the_uid_or_false_and_an_api_key_works_as_a_password()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        async Task<string> Login(string secret) => (await client.PostAsync("/jsonrpc",
            $$"""{"jsonrpc":"2.0","method":"call","params":{"service":"common","method":"authenticate","args":["actorsync","admin","{{secret}}",{}]},"id":1}""")).Result!.ToJsonString();

        var search = await client.ExecuteAsync("res.partner", "search_count", "[[]]", password: OdooClient.AdminKey);
        var wrong = await client.ExecuteAsync("res.partner", "search_count", "[[]]", password: "WRONG");

        Assert.Equal(["2", "2", "false"], [await Login("admin"), await Login(OdooClient.AdminKey), await Login("WRONG")]);
        Assert.Null(search.Error);
        Assert.Equal(("odoo.exceptions.AccessDenied", "Access Denied"), (wrong.ErrorName, wrong.ErrorMessage));
    }

    [Fact]
    public async Task JSON_2_answers_errors_with_Odoos_status_codes()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);

        var cases = new (Task<OdooClient.Answer> Call, int Status, string Name)[]
        {
            (client.Json2Async("res.partner", "create", """{"vals_list":[{"email":"x@y"}]}"""), 422, "odoo.exceptions.ValidationError"),
            (client.Json2Async("res.partner", "_compute_display_name", """{"ids":[1]}"""), 403, "odoo.exceptions.AccessError"),
            (client.Json2Async("res.partner", "search", """{"domain":[]}""", apiKey: "nope"), 401, "werkzeug.exceptions.Unauthorized"),
            (client.Json2Async("res.partner", "search", """{"domain":[]}""", apiKey: null), 401, "werkzeug.exceptions.Unauthorized"),
            (client.Json2Async("x.no.such.model", "search", """{"domain":[]}"""), 404, "werkzeug.exceptions.NotFound"),
            (client.Json2Async("res.partner", "no_such_method", "{}"), 404, "werkzeug.exceptions.NotFound"),
            (client.Json2Async("res.partner", "search", """{"domain":[],"bogus":1}"""), 422, "werkzeug.exceptions.UnprocessableEntity"),
            (client.Json2Async("res.partner", "create", """{"ids":[1],"vals_list":[{"name":"x"}]}"""), 422, "werkzeug.exceptions.UnprocessableEntity"),
            (client.Json2Async("res.partner", "search", """{"domain":[["x_nope","=",1]]}"""), 500, "builtins.ValueError"),
        };

        foreach (var (call, status, name) in cases)
        {
            var answer = await call;
            Assert.Equal((status, name), (answer.Status, answer.ErrorName));
            Assert.Equal(["name", "message", "arguments", "context", "debug"], answer.Json!.AsObject().Select(p => p.Key));
        }
        var unknownDb = await client.Json2Async("res.partner", "search", """{"domain":[]}""", database: "nosuchdb");
        Assert.Equal((404, "text/html; charset=utf-8"), (unknownDb.Status, unknownDb.ContentType));
    }

    [Fact]
    public async Task JSON_RPC_errors_are_HTTP_200_with_Odoos_names()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);

        var model = await client.ExecuteAsync("x.no.such.model", "search", "[[]]");
        var method = await client.ExecuteAsync("res.partner", "no_such_method", "[[]]");
        var field = await client.ExecuteAsync("res.partner", "search_read", "[[]]", """{"fields":["x_nope"]}""");
        var domain = await client.ExecuteAsync("res.partner", "search", """[[["x_nope","=",1]]]""");
        var selection = await client.ExecuteAsync("account.move", "create", """[{"move_type":"nonsense"}]""");

        Assert.All(new[] { model, method, field, domain, selection }, a => Assert.Equal((200, 0, "Odoo Server Error"), (a.Status, (int)a.Error!["code"]!, (string)a.Error["message"]!)));
        Assert.Equal(("odoo.exceptions.UserError", "Object x.no.such.model doesn't exist"), (model.ErrorName, model.ErrorMessage));
        Assert.Equal(("builtins.AttributeError", "The method 'res.partner.no_such_method' does not exist"), (method.ErrorName, method.ErrorMessage));
        Assert.Equal("Invalid field 'x_nope' on 'res.partner'", field.ErrorMessage);
        Assert.Equal("Invalid field res.partner.x_nope in condition ('x_nope', '=', 1)", domain.ErrorMessage);
        Assert.Equal("Wrong value for account.move.move_type: 'nonsense'", selection.ErrorMessage);
    }

    [Fact]
    public async Task Domains_combine_operators_and_orders_apply()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        await client.CallAsync("res.partner", "create", """[[{"name":"Alice","ref":"P-1"},{"name":"bob","ref":"P-2"},{"name":"Carl","ref":"Q-3"}]]""");

        async Task<string> Names(string domain, string order = "name asc") =>
            string.Join(",", (await client.CallAsync("res.partner", "search_read", $"[{domain}]", $$"""{"fields":["name"],"order":"{{order}}"}"""))!.AsArray().Select(r => (string)r!["name"]!));

        Assert.Equal("Alice,bob", await Names("""[["ref","=like","P-%"]]"""));
        Assert.Equal("Alice,Carl", await Names("""["|",["name","ilike","ali"],["ref","in",["Q-3"]]]"""));
        Assert.Equal("Carl,bob", await Names("""[["ref","!=",false],"!",["name","=","Alice"]]""", "name desc"));
    }
}
