using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ActorSync.Odoo.Connection;
using ActorSync.Odoo.Errors;
using ActorSync.Odoo.Tests.Support;
using Xunit;

namespace ActorSync.Odoo.Tests.Resilience;

/// <summary>Timeouts, retries, circuit breaker and rate limit, against the simulator's injected faults over real HTTP.</summary>
public sealed class ResilienceTests
{
    private static Task<IReadOnlyList<JsonObject>> ReadPartners(OdooClient client) =>
        client.SearchReadAsync("res.partner", [], ["name"], null, default, limit: 1);

    /// <summary>
    /// Waits until a second call arrived after <paramref name="servedBefore"/>: the first was answered
    /// with the fault and retried, however slow the machine (no fixed sleep).
    /// </summary>
    private static async Task FaultedAtLeastOnceAsync(OwnSimulator sim, long servedBefore)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (sim.Simulator.CallCount < servedBefore + 2 && DateTime.UtcNow < deadline)
            await Task.Delay(5);
    }

    [Theory]
    [InlineData(OdooProtocol.Json2)]
    [InlineData(OdooProtocol.JsonRpc)]
    public async Task A_transient_503_is_retried_until_Odoo_answers(OdooProtocol protocol)
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client(protocol, s => s with { Retry = new RetrySettings(6, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)) });
        await ReadPartners(client); // logs in (JSON-RPC) before the outage
        sim.Faults.ErrorRate = 1.0;
        var served = sim.Simulator.CallCount;
        var read = ReadPartners(client);
        await FaultedAtLeastOnceAsync(sim, served);
        sim.Faults.ErrorRate = 0;
        Assert.NotEmpty(await read);
        Assert.True(client.Stats.Retries >= 1, $"retries: {client.Stats.Retries}");
    }

    [Fact]
    public async Task A_permanent_error_is_not_retried()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        var before = sim.Simulator.CallCount;
        var error = await Assert.ThrowsAsync<OdooException>(() => client.CreateAsync("res.partner", [new JsonObject { ["email"] = "x@y" }], null, default));
        Assert.Equal("odoo.exceptions.ValidationError", error.Name);
        Assert.Equal(1, sim.Simulator.CallCount - before);
        Assert.Equal(0, client.Stats.Retries);
    }

    [Fact]
    public async Task A_serialization_failure_is_retried_even_for_writes_because_Odoo_rolled_it_back()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client(change: s => s with { Retry = new RetrySettings(4, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50)) });
        sim.Faults.SerializationFailureRate = 1.0;
        var served = sim.Simulator.CallCount;
        var create = client.CreateAsync("res.partner", [new JsonObject { ["name"] = "Concurrent payer", ["ref"] = "SER-1" }], null, default);
        await FaultedAtLeastOnceAsync(sim, served);
        sim.Faults.SerializationFailureRate = 0;
        Assert.Single(await create);
        Assert.True(client.Stats.Retries >= 1);
        Assert.Single(sim.Simulator.Records("res.partner"), r => Equals(r["ref"], "SER-1"));
    }

    [Fact]
    public async Task A_timed_out_read_is_retried_but_a_timed_out_write_is_not_repeated_blindly()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client(change: s => s with { Timeout = TimeSpan.FromMilliseconds(300), Retry = new RetrySettings(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)) });
        sim.Faults.TimeoutRate = 1.0;

        var read = await Assert.ThrowsAsync<OdooException>(() => ReadPartners(client));
        Assert.Equal("transport.timeout", read.Name);
        Assert.True(read.IsTransient);
        Assert.Equal(2, client.Stats.Retries);

        var write = await Assert.ThrowsAsync<OdooException>(() => client.CreateAsync("res.partner", [new JsonObject { ["name"] = "slow" }], null, default));
        Assert.True(write.MayHaveCommitted);
        Assert.Equal(2, client.Stats.Retries);
    }

    [Fact]
    public async Task A_lost_answer_to_a_write_is_reported_as_maybe_committed_and_not_resent()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client();
        await ReadPartners(client);
        sim.Faults.DropNextResponses(1);
        var error = await Assert.ThrowsAsync<OdooException>(() => client.CreateAsync("res.partner", [new JsonObject { ["name"] = "Dropped answer", ["ref"] = "DROP-1" }], null, default));
        Assert.True(error.IsTransient);
        Assert.True(error.MayHaveCommitted);
        Assert.Single(sim.Simulator.Records("res.partner"), r => Equals(r["ref"], "DROP-1"));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_stops_calling_Odoo()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client(change: s => s with
        {
            Retry = new RetrySettings(1),
            CircuitBreaker = new CircuitBreakerSettings(0.5, 2, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)),
        });
        sim.Faults.ErrorRate = 1.0;
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<OdooException>(() => ReadPartners(client));
        var calls = sim.Simulator.CallCount;
        var open = await Assert.ThrowsAsync<OdooException>(() => ReadPartners(client));
        Assert.Equal("transport.circuit-open", open.Name);
        Assert.True(open.IsTransient);
        Assert.Equal(calls, sim.Simulator.CallCount);
    }

    [Fact]
    public async Task The_rate_limit_spaces_calls_out()
    {
        await using var sim = await OwnSimulator.StartAsync();
        using var client = sim.Client(change: s => s with { RateLimit = new RateLimitSettings(10, 1) });
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ReadPartners(client)));
        // One token at once, ten a second: the sixth call waits for at least five refills.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"6 calls took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task An_unreachable_Odoo_is_transient_and_certainly_not_committed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var settings = OdooUnderTest.TestSettings(new Uri($"http://127.0.0.1:{port}/"), "actorsync", "admin", "key", OdooProtocol.Json2) with { Retry = new RetrySettings(1) };
        using var client = new OdooClient(settings);
        var error = await Assert.ThrowsAsync<OdooException>(() => client.CreateAsync("res.partner", [new JsonObject { ["name"] = "x" }], null, default));
        Assert.Equal("transport.unreachable", error.Name);
        Assert.True(error.IsTransient);
        Assert.False(error.MayHaveCommitted);
    }
}
