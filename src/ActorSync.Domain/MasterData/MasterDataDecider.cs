using ActorSync.Domain.Common;

namespace ActorSync.Domain.MasterData;

/// <summary>The latest version of a master-data resource wins; repeats are duplicates, older versions out of order.</summary>
public sealed class MasterDataDecider : IDecider<MasterDataState, IMasterDataCommand, IMasterDataEvent>
{
    public static MasterDataDecider Instance { get; } = new();

    public MasterDataState Initial => MasterDataState.Empty;

    public Decision<IMasterDataEvent> Decide(MasterDataState state, IMasterDataCommand command) =>
        Deciding.CheckVersion<IMasterDataEvent>(state.Versions, command.Stamp) ?? command switch
        {
            RecordMasterData c => Decision<IMasterDataEvent>.Accept(new MasterDataRecorded(c.Key, c.Record, c.Stamp)),
            _ => Decision<IMasterDataEvent>.Reject($"unknown master data command {command.GetType().Name}"),
        };

    public MasterDataState Apply(MasterDataState state, IMasterDataEvent @event)
    {
        var next = @event switch
        {
            MasterDataRecorded e => state with { Key = e.Key, Record = e.Record },
            _ => state,
        };
        return next with { Versions = Deciding.Record(next.Versions, @event.Stamp) };
    }
}
