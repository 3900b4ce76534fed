using ActorSync.Domain.Common;

namespace ActorSync.Domain.MasterData;

public interface IMasterDataCommand : ICommand
{
    MasterDataKey Key { get; }
}

/// <summary>A source sent (a version of) a master-data resource.</summary>
public sealed record RecordMasterData(MasterDataKey Key, MasterDataRecord Record, SourceStamp Stamp) : IMasterDataCommand;
