using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;
using ActorSync.Domain.LegalEntities;
using Xunit;

namespace ActorSync.Domain.Tests;

/// <summary>
/// Runs commands the way the entity does: decide, then fold every event through apply, so tests
/// see the real next state and not a hand-made one.
/// </summary>
internal sealed class Scenario<TState, TCommand, TEvent>(IDecider<TState, TCommand, TEvent> decider)
    where TCommand : ICommand
    where TEvent : IEvent
{
    public TState State { get; private set; } = decider.Initial;

    /// <summary>Commands that must all be accepted to set the stage.</summary>
    public Scenario<TState, TCommand, TEvent> Given(params TCommand[] commands)
    {
        foreach (var command in commands)
        {
            var decision = When(command);
            Assert.True(decision.Outcome == Outcome.Accepted, $"setup command {command} was {decision.Outcome}: {decision.Reason}");
        }
        return this;
    }

    public Decision<TEvent> When(TCommand command)
    {
        var decision = decider.Decide(State, command);
        State = decision.Events.Aggregate(State, decider.Apply);
        return decision;
    }
}

internal static class Scenarios
{
    public static Scenario<EncounterState, IEncounterCommand, IEncounterEvent> Encounter() => new(EncounterDecider.Instance);

    public static Scenario<InvoiceState, IInvoiceCommand, IInvoiceEvent> Invoice() => new(InvoiceDecider.Instance);

    public static Scenario<ItemState, IItemCommand, IItemEvent> Item() => new(ItemDecider.Instance);

    public static Scenario<LegalEntityState, ILegalEntityCommand, ILegalEntityEvent> LegalEntity() => new(LegalEntityDecider.Instance);
}

internal static class DecisionAssert
{
    /// <summary>Accepted, with the events it produced.</summary>
    public static IReadOnlyList<TEvent> Accepted<TEvent>(Decision<TEvent> decision)
    {
        Assert.True(decision.Outcome == Outcome.Accepted, $"expected Accepted but was {decision.Outcome}: {decision.Reason}");
        Assert.Null(decision.Reason);
        return decision.Events;
    }

    /// <summary>Accepted with exactly one event, which is returned.</summary>
    public static TEvent AcceptedOne<TEvent>(Decision<TEvent> decision) => Assert.Single(Accepted(decision));

    /// <summary>Rejected without events, for a reason that contains every given part.</summary>
    public static void Rejected<TEvent>(Decision<TEvent> decision, params string[] reasonParts)
    {
        Assert.True(decision.Outcome == Outcome.Rejected, $"expected Rejected but was {decision.Outcome}");
        Assert.Empty(decision.Events);
        Assert.NotNull(decision.Reason);
        foreach (var part in reasonParts)
            Assert.Contains(part, decision.Reason, StringComparison.Ordinal);
    }

    /// <summary>Acknowledged as a repeat: no events, no reason needed.</summary>
    public static void Duplicate<TEvent>(Decision<TEvent> decision)
    {
        Assert.Equal(Outcome.Duplicate, decision.Outcome);
        Assert.Empty(decision.Events);
    }

    /// <summary>Older than what was applied: no events, and the reason names both versions.</summary>
    public static void OutOfOrder<TEvent>(Decision<TEvent> decision, long stale, long applied)
    {
        Assert.Equal(Outcome.OutOfOrder, decision.Outcome);
        Assert.Empty(decision.Events);
        Assert.NotNull(decision.Reason);
        Assert.Contains($"version {stale}", decision.Reason, StringComparison.Ordinal);
        Assert.Contains($"version {applied}", decision.Reason, StringComparison.Ordinal);
    }

    /// <summary>A newer version that changed nothing: only the version is recorded.</summary>
    public static void VersionOnly<TEvent>(Decision<TEvent> decision, SourceStamp stamp)
    {
        var recorded = Assert.IsType<SourceVersionRecorded>(AcceptedOne(decision));
        Assert.Equal(stamp, recorded.Stamp);
    }
}
