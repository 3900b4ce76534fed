using ActorSync.Domain.Common;

namespace ActorSync.Domain.MasterData;

public interface IMasterDataEvent : IEvent;

public sealed record MasterDataRecorded(MasterDataKey Key, MasterDataRecord Record, SourceStamp Stamp) : IMasterDataEvent;
