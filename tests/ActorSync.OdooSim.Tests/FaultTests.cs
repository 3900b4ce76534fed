using Xunit;

namespace ActorSync.OdooSim.Tests;

public sealed class FaultTests
{
    private const string Partner = """[{"name":"Fault probe"}]""";

    [Fact]
    public async Task An_error_rate_of_one_answers_503_from_the_proxy_and_does_nothing()
    {
        await using var sim = await TwoCompanies.StartAsync(TwoCompanies.Options with { Faults = new FaultSettings { ErrorRate = 1.0 } });
        using var client = new OdooClient(sim.BaseAddress);
        var before = sim.Count("res.partner");

        var answer = await client.ExecuteAsync("res.partner", "create", Partner);

        Assert.Equal((503, "text/html; charset=utf-8"), (answer.Status, answer.ContentType));
        Assert.Equal(before, sim.Count("res.partner"));
    }

    [Fact]
    public async Task An_outage_answers_503_until_it_ends_and_refused_connections_get_no_answer()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);

        // A window long enough for a slow CI machine's first request to fall inside it.
        Assert.Equal(0, sim.Faults.Injected);
        sim.Faults.StartOutage(TimeSpan.FromSeconds(2));
        var during = await client.Json2Async("res.partner", "search", """{"domain":[]}""");
        await Task.Delay(sim.Faults.OutageUntil!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        var after = await client.Json2Async("res.partner", "search", """{"domain":[]}""");
        sim.Faults.RefuseConnections = true;
        var refused = await Record.ExceptionAsync(() => client.Json2Async("res.partner", "search", """{"domain":[]}"""));

        Assert.Equal((503, 200), (during.Status, after.Status));
        Assert.IsType<HttpRequestException>(refused);
        Assert.Equal(2, sim.Faults.Injected);
    }

    [Fact]
    public async Task Outage_windows_from_the_start_answer_503_or_abort_connections_while_they_last()
    {
        await using var sim = await TwoCompanies.StartAsync(TwoCompanies.Options with
        {
            // Windows count from before the server listens: long enough for a slow machine's start and first call.
            Faults = new FaultSettings { OutageWindows = [new OutageWindow(TimeSpan.Zero, TimeSpan.FromSeconds(5)), new OutageWindow(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3), RefuseConnections: true)] },
        });
        using var client = new OdooClient(sim.BaseAddress);
        var started = DateTimeOffset.UtcNow;
        async Task Until(double seconds) => await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (started + TimeSpan.FromSeconds(seconds) - DateTimeOffset.UtcNow).Ticks)));

        var during = await client.Json2Async("res.partner", "search", """{"domain":[]}""");
        await Until(5.3);
        var refused = await Record.ExceptionAsync(() => client.Json2Async("res.partner", "search", """{"domain":[]}"""));
        await Until(8.3);
        var after = await client.Json2Async("res.partner", "search", """{"domain":[]}""");

        Assert.Equal((503, 200), (during.Status, after.Status));
        Assert.IsType<HttpRequestException>(refused);
    }

    [Fact]
    public async Task A_dropped_answer_still_commits_the_work()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var before = sim.Count("res.partner");

        sim.Faults.DropNextResponses(1);
        var dropped = await Record.ExceptionAsync(() => client.ExecuteAsync("res.partner", "create", Partner));
        var next = await client.ExecuteAsync("res.partner", "search_count", """[[["name","=","Fault probe"]]]""");

        Assert.IsType<HttpRequestException>(dropped);
        Assert.Equal(before + 1, sim.Count("res.partner"));
        Assert.Equal(1, (int)next.Result!);
        Assert.Equal(1, sim.Faults.Injected);
    }

    [Fact]
    public async Task The_control_surface_loses_the_answers_of_a_chosen_method_only()
    {
        await using var sim = await TwoCompanies.StartAsync();
        using var client = new OdooClient(sim.BaseAddress);
        var before = sim.Count("res.partner");

        var set = await client.PostAsync("/sim/faults", """{"dropAnswersTo":[{"model":"res.partner","method":"create","count":2}]}""");
        var search = await client.ExecuteAsync("res.partner", "search_count", "[[]]");
        var lost = new[] { await Record.ExceptionAsync(() => client.ExecuteAsync("res.partner", "create", Partner)), await Record.ExceptionAsync(() => client.ExecuteAsync("res.partner", "create", Partner)) };
        var answered = await client.ExecuteAsync("res.partner", "create", Partner);
        var unnamed = await client.PostAsync("/sim/faults", """{"latencyMs":5,"dropAnswersTo":[{"model":"res.partner"}]}""");
        var after = await client.GetAsync("/sim/faults");

        Assert.Equal(200, set.Status);
        Assert.Equal(before, (int)search.Result!);
        Assert.All(lost, e => Assert.IsType<HttpRequestException>(e));
        Assert.NotNull(answered.Result);
        Assert.Equal(before + 3, sim.Count("res.partner"));
        Assert.Equal(400, unnamed.Status);
        Assert.Equal(0.0, (double)after.Json!["latencyMs"]!);
    }

    [Fact]
    public async Task A_timeout_hangs_until_the_client_gives_up_and_does_nothing()
    {
        await using var sim = await TwoCompanies.StartAsync(TwoCompanies.Options with { Faults = new FaultSettings { TimeoutRate = 1.0 } });
        using var client = new OdooClient(sim.BaseAddress, TimeSpan.FromMilliseconds(300));
        var before = sim.Count("res.partner");

        var timedOut = await Record.ExceptionAsync(() => client.ExecuteAsync("res.partner", "create", Partner));

        Assert.IsType<TaskCanceledException>(timedOut);
        Assert.Equal(before, sim.Count("res.partner"));
    }

    [Fact]
    public async Task A_serialization_failure_has_each_protocols_error_shape_and_does_nothing()
    {
        await using var sim = await TwoCompanies.StartAsync(TwoCompanies.Options with { Faults = new FaultSettings { SerializationFailureRate = 1.0 } });
        using var client = new OdooClient(sim.BaseAddress);
        var before = sim.Count("res.partner");

        var rpc = await client.ExecuteAsync("res.partner", "create", Partner);
        var json2 = await client.Json2Async("res.partner", "create", """{"vals_list":[{"name":"Fault probe"}]}""");

        Assert.Equal((200, "psycopg2.errors.SerializationFailure"), (rpc.Status, rpc.ErrorName));
        Assert.StartsWith("could not serialize access due to concurrent update", rpc.ErrorMessage);
        Assert.Equal((500, "psycopg2.errors.SerializationFailure"), (json2.Status, json2.ErrorName));
        Assert.Equal(before, sim.Count("res.partner"));
    }

    [Fact]
    public async Task Fault_rates_below_one_are_repeatable_with_the_same_seed()
    {
        async Task<string> Run()
        {
            await using var sim = await TwoCompanies.StartAsync(TwoCompanies.Options with { Faults = new FaultSettings { ErrorRate = 0.5, Seed = 7 } });
            using var client = new OdooClient(sim.BaseAddress);
            var statuses = new List<int>();
            for (var i = 0; i < 20; i++) statuses.Add((await client.Json2Async("res.partner", "search_count", """{"domain":[]}""")).Status);
            return string.Join(",", statuses);
        }

        var first = await Run();

        Assert.Equal(first, await Run());
        Assert.Contains("503", first);
        Assert.Contains("200", first);
    }
}
