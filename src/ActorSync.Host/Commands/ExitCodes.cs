namespace ActorSync.Host.Commands;

/// <summary>What the process tells scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The work ran but its result is not what was asked for (e.g. a benchmark goal missed).</summary>
    public const int GoalMissed = 1;
    /// <summary>The user's configuration or arguments are wrong; the message says which.</summary>
    public const int BadConfiguration = 2;
    /// <summary>Something the user cannot fix from the command line failed (storage down, ...).</summary>
    public const int Failure = 3;
}
