using Xunit;

namespace ActorSync.OdooSim.Tests;

public sealed class ExternalIdTests
{
    [Fact]
    public async Task An_external_id_is_unique_per_module_and_name()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var partner = await TwoCompanies.PartnerAsync(client);
        await client.CreateAsync("ir.model.data", $$"""{"module":"actorsync","name":"payer_1","model":"res.partner","res_id":{{partner}}}""");

        var duplicate = await client.ExecuteAsync("ir.model.data", "create", $$"""[{"module":"actorsync","name":"payer_1","model":"res.partner","res_id":{{partner}}}]""");
        var external = await client.CallAsync("res.partner", "get_external_id", $"[[{partner}]]");

        Assert.Equal("odoo.exceptions.ValidationError", duplicate.ErrorName);
        Assert.Equal("The operation cannot be completed: duplicate key value violates unique constraint \"ir_model_data_module_name_uniq_index\"\nDETAIL:  Key (module, name)=(actorsync, payer_1) already exists.\n", duplicate.ErrorMessage);
        Assert.Equal($$"""{"{{partner}}":"actorsync.payer_1"}""", external!.ToJsonString());
    }

    [Fact]
    public async Task External_ids_of_a_refused_call_are_gone_and_a_deleted_record_takes_its_own_along()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var partner = await TwoCompanies.PartnerAsync(client);
        var xmlid = $$"""{"module":"actorsync","name":"twice","model":"res.partner","res_id":{{partner}}}""";

        // Atomic: the second row repeats the first, so neither stays, and the name is free again.
        var refused = await client.ExecuteAsync("ir.model.data", "create", $"[[{xmlid},{xmlid}]]");
        Assert.Equal("odoo.exceptions.ValidationError", refused.ErrorName);
        await client.CreateAsync("ir.model.data", xmlid);
        Assert.Equal($$"""{"{{partner}}":"actorsync.twice"}""", (await client.CallAsync("res.partner", "get_external_id", $"[[{partner}]]"))!.ToJsonString());

        await client.CallAsync("res.partner", "unlink", $"[[{partner}]]");
        Assert.DoesNotContain(sim.Records("ir.model.data"), x => (string?)x["name"] == "twice");
        await client.CreateAsync("ir.model.data", xmlid);
    }

    [Fact]
    public async Task Load_creates_then_updates_the_same_records_by_external_id()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        const string fields = """["id","name","ref","parent_id/id"]""";

        var first = await client.CallAsync("res.partner", "load", $$"""[{{fields}},[["actorsync.pat_1","Carol","PAT-C","base.main_partner"],["actorsync.pat_2","Dan","PAT-D",""]]]""");
        var count = sim.Count("res.partner");
        var again = await client.Json2Async("res.partner", "load", $$"""{"fields":{{fields}},"data":[["actorsync.pat_1","Carol v2","PAT-C",""],["actorsync.pat_2","Dan v2","PAT-D",""]]}""");

        Assert.Equal(first!["ids"]!.ToJsonString(), again.Json!["ids"]!.ToJsonString());
        Assert.Equal("""{"messages":[],"nextrow":0}""", $$"""{"messages":{{again.Json["messages"]!.ToJsonString()}},"nextrow":{{again.Json["nextrow"]}}}""");
        Assert.Equal(count, sim.Count("res.partner"));
        Assert.Equal(["Carol v2", "Dan v2"], sim.Records("res.partner").Where(p => ((string?)p["ref"])?.StartsWith("PAT-") == true).Select(p => (string)p["name"]!));
        Assert.Equal(1, sim.Records("ir.model.data").Count(x => (string?)x["name"] == "pat_1"));
        Assert.Equal(1, sim.Records("res.partner").Count(p => (string?)p["ref"] == "PAT-C" && p["parent_id"] is null));
    }

    [Fact]
    public async Task Load_with_a_bad_row_answers_the_error_and_writes_nothing()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var partners = sim.Count("res.partner");
        var xmlids = sim.Count("ir.model.data");

        var result = await client.CallAsync("res.partner", "load", """[["id","name","country_id"],[["actorsync.ok","Fine","United States"],["actorsync.bad","Eve","Atlantis"]]]""");

        Assert.Equal("false", result!["ids"]!.ToJsonString());
        var message = result["messages"]![0]!;
        Assert.Equal(("error", 1, "country_id", "Country"), ((string)message["type"]!, (int)message["record"]!, (string)message["field"]!, (string)message["field_name"]!));
        Assert.Equal("No matching record found for name 'Atlantis' in field 'Country'", (string)message["message"]!);
        Assert.Equal("""{"from":1,"to":1}""", message["rows"]!.ToJsonString());
        Assert.Equal((partners, xmlids), (sim.Count("res.partner"), sim.Count("ir.model.data")));
    }
}
