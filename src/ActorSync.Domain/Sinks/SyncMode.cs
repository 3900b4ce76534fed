namespace ActorSync.Domain.Sinks;

/// <summary>
/// When postings of a workflow go: as soon as they wait (window zero), or when <see cref="Size"/>
/// wait or the oldest waited <see cref="Window"/>. A scheduled workflow (master data) runs at
/// <see cref="At"/> (time of day, UTC) when daily, on the hour when hourly.
/// </summary>
public sealed record SyncMode(string Name, TimeSpan Window, int Size, TimeOnly? At = null)
{
    /// <summary>The next scheduled run after <paramref name="now"/>: daily at <see cref="At"/>, hourly on the hour, otherwise a window on.</summary>
    public DateTimeOffset NextRun(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        if (Name == "daily")
        {
            var today = new DateTimeOffset(DateOnly.FromDateTime(utc.UtcDateTime).ToDateTime(At ?? TimeOnly.MinValue), TimeSpan.Zero);
            return today > utc ? today : today.AddDays(1);
        }
        if (Name == "hourly")
            return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        return utc + (Window > TimeSpan.Zero ? Window : TimeSpan.FromSeconds(1));
    }
}
