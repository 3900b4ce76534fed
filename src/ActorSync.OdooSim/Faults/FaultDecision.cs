namespace ActorSync.OdooSim.Faults;

internal enum FaultKind
{
    None,
    /// <summary>Abort the connection before answering.</summary>
    Refuse,
    /// <summary>503 from "the proxy", nothing done.</summary>
    Unavailable,
    /// <summary>Never answer; nothing done.</summary>
    Hang,
    /// <summary>Odoo's concurrency error, nothing done.</summary>
    SerializationFailure,
    /// <summary>Do the work, commit, then abort the connection.</summary>
    CommitThenDrop,
}

/// <summary>What happens to one call.</summary>
internal readonly record struct FaultDecision(TimeSpan Latency, FaultKind Kind);
