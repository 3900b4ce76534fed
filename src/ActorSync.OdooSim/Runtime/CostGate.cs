namespace ActorSync.OdooSim.Runtime;

/// <summary>
/// Applies <see cref="SimulatorCosts"/>: a call waits for a worker slot, then sleeps its cost while
/// holding it, so with one worker calls queue behind each other as on the real server.
/// </summary>
internal sealed class CostGate(SimulatorCosts costs)
{
    private static readonly HashSet<string> AccountingModels = ["account.move", "account.move.line", "account.payment", "account.payment.register"];
    private static readonly HashSet<string> WriteMethods = ["create", "write", "load", "unlink"];

    private readonly SemaphoreSlim? _workers = costs.Workers > 0 ? new SemaphoreSlim(costs.Workers) : null;

    public async Task<IDisposable> EnterAsync(string? model, string? method, int records, CancellationToken ct)
    {
        if (_workers is not null) await _workers.WaitAsync(ct);
        var slot = new Slot(_workers);
        try
        {
            var cost = Cost(model, method, Math.Max(records, 1));
            if (cost > TimeSpan.Zero) await Task.Delay(cost, ct);
            return slot;
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    private TimeSpan Cost(string? model, string? method, int records)
    {
        var cost = costs.PerCall;
        if (model is null || method is null) return cost;
        if (WriteMethods.Contains(method))
        {
            return AccountingModels.Contains(model)
                ? cost + costs.CreatePerCall + costs.CreatePerRecord * records
                : cost + costs.SimpleCreatePerCall + costs.SimpleCreatePerRecord * records;
        }
        if (method.StartsWith("action_", StringComparison.Ordinal) || method.StartsWith("button_", StringComparison.Ordinal))
            return cost + costs.PostPerCall + costs.PostPerRecord * records;
        return cost;
    }

    private sealed class Slot(SemaphoreSlim? workers) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) workers?.Release();
        }
    }
}
