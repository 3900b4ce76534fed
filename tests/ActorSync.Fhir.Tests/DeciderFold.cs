using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;
using ActorSync.Domain.MasterData;

namespace ActorSync.Fhir.Tests;

/// <summary>Commands folded through the pure deciders, one state per entity key, as the entities would.</summary>
internal sealed class DeciderFold
{
    public Dictionary<EncounterKey, EncounterState> Encounters { get; } = [];
    public Dictionary<InvoiceKey, InvoiceState> Invoices { get; } = [];
    public Dictionary<ItemKey, ItemState> Items { get; } = [];
    public Dictionary<MasterDataKey, MasterDataState> MasterData { get; } = [];

    public Outcome Apply(ICommand command) => command switch
    {
        IEncounterCommand c => Fold(Encounters, c.Key, c, EncounterDecider.Instance),
        IInvoiceCommand c => Fold(Invoices, c.Key, c, InvoiceDecider.Instance),
        IItemCommand c => Fold(Items, c.Key, c, ItemDecider.Instance),
        IMasterDataCommand c => Fold(MasterData, c.Key, c, MasterDataDecider.Instance),
        _ => throw new InvalidOperationException(command.GetType().Name),
    };

    private static Outcome Fold<TKey, TState, TCommand, TEvent>(Dictionary<TKey, TState> states, TKey key, TCommand command, IDecider<TState, TCommand, TEvent> decider)
        where TKey : notnull
        where TCommand : ICommand
        where TEvent : IEvent
    {
        var state = states.TryGetValue(key, out var current) ? current : decider.Initial;
        var decision = decider.Decide(state, command);
        states[key] = decision.Events.Aggregate(state, decider.Apply);
        return decision.Outcome;
    }
}
