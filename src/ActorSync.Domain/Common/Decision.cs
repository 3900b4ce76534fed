using System.Collections.Immutable;

namespace ActorSync.Domain.Common;

/// <summary>What an entity decided about one command.</summary>
public enum Outcome
{
    /// <summary>New, or a newer version: events were produced and must be persisted.</summary>
    Accepted,
    /// <summary>An exact repeat of what was applied: acknowledged, nothing changes.</summary>
    Duplicate,
    /// <summary>An older version than the one applied: ignored and counted.</summary>
    OutOfOrder,
    /// <summary>Breaks a business rule: nothing changes, the reason says why.</summary>
    Rejected,
}

/// <summary>The result of a decide function: the events to persist, or why there are none.</summary>
public sealed record Decision<TEvent>(Outcome Outcome, IReadOnlyList<TEvent> Events, string? Reason)
{
    public static Decision<TEvent> Accept(params TEvent[] events) =>
        events.Length == 0
            ? throw new ArgumentException("An accepted command produces at least one event.", nameof(events))
            : new(Outcome.Accepted, events, null);

    public static Decision<TEvent> Duplicate() => new(Outcome.Duplicate, [], null);
    public static Decision<TEvent> OutOfOrder(string reason) => new(Outcome.OutOfOrder, [], reason);
    public static Decision<TEvent> Reject(string reason) => new(Outcome.Rejected, [], reason);
}

/// <summary>Every command carries the stamp of the source resource version that caused it.</summary>
public interface ICommand
{
    SourceStamp Stamp { get; }
}

/// <summary>Every event carries the stamp of the command that produced it, for versions and traceability.</summary>
public interface IEvent
{
    SourceStamp Stamp { get; }
}

/// <summary>
/// The pure heart of an entity: <c>Decide(state, command)</c> and <c>Apply(state, event)</c>.
/// No clock, no I/O: time arrives inside commands.
/// </summary>
public interface IDecider<TState, in TCommand, TEvent>
    where TCommand : ICommand
    where TEvent : IEvent
{
    TState Initial { get; }
    Decision<TEvent> Decide(TState state, TCommand command);
    TState Apply(TState state, TEvent @event);
}

/// <summary>The shared first step of every decide function: version check against the source.</summary>
public static class Deciding
{
    public static Decision<TEvent>? CheckVersion<TEvent>(IReadOnlyDictionary<string, AppliedVersion> applied, SourceStamp stamp) =>
        SourceVersions.Classify(applied, stamp) switch
        {
            VersionVerdict.Duplicate => Decision<TEvent>.Duplicate(),
            VersionVerdict.OutOfOrder => Decision<TEvent>.OutOfOrder(stamp.Version > 0
                ? $"{stamp.ResourceType}/{stamp.ResourceId} version {stamp.Version} is older than version {applied[stamp.Key].Version} already applied"
                : $"{stamp.ResourceType}/{stamp.ResourceId} has no version, and this content was applied and replaced before"),
            VersionVerdict.Conflict => Decision<TEvent>.Reject(
                $"{stamp.ResourceType}/{stamp.ResourceId} version {stamp.Version} was already applied with different content"),
            _ => null,
        };

    public static ImmutableDictionary<string, AppliedVersion> Record(ImmutableDictionary<string, AppliedVersion> applied, SourceStamp stamp)
    {
        var earlier = stamp.Version == 0 && applied.TryGetValue(stamp.Key, out var last) && last.Fingerprint != stamp.Fingerprint
            ? [.. (last.Earlier ?? []).Append(last.Fingerprint).TakeLast(AppliedVersion.EarlierKept)]
            : (applied.GetValueOrDefault(stamp.Key)?.Earlier);
        return applied.SetItem(stamp.Key, new AppliedVersion(stamp.Version, stamp.Fingerprint, earlier));
    }
}
