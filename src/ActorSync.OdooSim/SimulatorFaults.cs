using ActorSync.OdooSim.Faults;

namespace ActorSync.OdooSim;

/// <summary>The faults in force, changeable while the simulator runs. Thread-safe.</summary>
public sealed class SimulatorFaults
{
    private readonly Lock _lock = new();
    private FaultSettings _settings;
    private Random _random;
    private readonly List<(string Model, string Method)> _targetedDrops = [];
    private readonly List<(string Model, string Method)> _targetedHangs = [];
    private long _injected;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    internal SimulatorFaults(FaultSettings initial)
    {
        _settings = initial;
        _random = new Random(initial.Seed);
    }

    public TimeSpan Latency { get => Current.Latency; set => Update(s => s with { Latency = value }); }
    public double ErrorRate { get => Current.ErrorRate; set => Update(s => s with { ErrorRate = value }); }
    public bool Outage { get => Current.Outage; set => Update(s => s with { Outage = value, OutageUntil = null }); }
    public DateTimeOffset? OutageUntil { get => Current.OutageUntil; set => Update(s => s with { OutageUntil = value }); }
    public bool RefuseConnections { get => Current.RefuseConnections; set => Update(s => s with { RefuseConnections = value }); }
    public double TimeoutRate { get => Current.TimeoutRate; set => Update(s => s with { TimeoutRate = value }); }
    public double CommitThenDropRate { get => Current.CommitThenDropRate; set => Update(s => s with { CommitThenDropRate = value }); }
    public double SerializationFailureRate { get => Current.SerializationFailureRate; set => Update(s => s with { SerializationFailureRate = value }); }

    /// <summary>Calls that failed, hung or lost their answer by an injected fault so far: each one a call the client had to make again.</summary>
    public long Injected => Interlocked.Read(ref _injected);

    /// <summary>A copy of the settings in force.</summary>
    public FaultSettings Current
    {
        get { lock (_lock) return _settings; }
    }

    /// <summary>Replaces all settings (and reseeds the random generator).</summary>
    public void Apply(FaultSettings settings)
    {
        lock (_lock)
        {
            _settings = settings;
            _random = new Random(settings.Seed);
            _targetedDrops.Clear();
            _targetedHangs.Clear();
        }
    }

    public void Clear() => Apply(FaultSettings.None);

    /// <summary>The next <paramref name="count"/> calls do their work, commit, and drop the connection.</summary>
    public void DropNextResponses(int count) => Update(s => s with { DropNextResponses = s.DropNextResponses + count });

    /// <summary>
    /// The next <paramref name="count"/> calls of <paramref name="model"/>.<paramref name="method"/> (either
    /// protocol) do their work, commit, and drop the connection: a lost answer at one chosen step.
    /// </summary>
    public void DropNextResponsesTo(string model, string method, int count = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
                _targetedDrops.Add((model, method));
        }
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="model"/>.<paramref name="method"/> hang without doing anything, until the client gives up.</summary>
    public void HangNextCallsTo(string model, string method, int count = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
                _targetedHangs.Add((model, method));
        }
    }

    internal bool TakeTargetedDrop(string model, string method) => Take(_targetedDrops, model, method);

    internal bool TakeTargetedHang(string model, string method) => Take(_targetedHangs, model, method);

    private bool Take(List<(string Model, string Method)> targeted, string model, string method)
    {
        lock (_lock)
        {
            var index = targeted.IndexOf((model, method));
            if (index < 0) return false;
            targeted.RemoveAt(index);
            Interlocked.Increment(ref _injected);
            return true;
        }
    }

    /// <summary>503 on every call for this long.</summary>
    public void StartOutage(TimeSpan duration) => Update(s => s with { Outage = false, OutageUntil = DateTimeOffset.UtcNow + duration });

    internal FaultDecision Decide()
    {
        lock (_lock)
        {
            var s = _settings;
            var kind = FaultKind.None;
            var window = s.OutageWindows.FirstOrDefault(w => w.Covers(DateTimeOffset.UtcNow - _started));
            if (s.RefuseConnections || window is { RefuseConnections: true }) kind = FaultKind.Refuse;
            else if (s.Outage || s.OutageUntil > DateTimeOffset.UtcNow || window is not null) kind = FaultKind.Unavailable;
            else if (Draw(s.ErrorRate)) kind = FaultKind.Unavailable;
            else if (Draw(s.TimeoutRate)) kind = FaultKind.Hang;
            else if (Draw(s.SerializationFailureRate)) kind = FaultKind.SerializationFailure;
            else if (s.DropNextResponses > 0)
            {
                _settings = s with { DropNextResponses = s.DropNextResponses - 1 };
                kind = FaultKind.CommitThenDrop;
            }
            else if (Draw(s.CommitThenDropRate)) kind = FaultKind.CommitThenDrop;
            if (kind != FaultKind.None)
                Interlocked.Increment(ref _injected);
            return new FaultDecision(s.Latency, kind);
        }
    }

    // Only draws for rates in use, so adding a fault does not shift the others' sequence needlessly.
    private bool Draw(double rate) => rate > 0 && (rate >= 1 || _random.NextDouble() < rate);

    private void Update(Func<FaultSettings, FaultSettings> change)
    {
        lock (_lock) _settings = change(_settings);
    }
}
