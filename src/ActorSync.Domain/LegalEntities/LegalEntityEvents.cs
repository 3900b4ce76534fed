using ActorSync.Domain.Common;

namespace ActorSync.Domain.LegalEntities;

public interface ILegalEntityEvent : IEvent;

public sealed record LegalEntityConfigured(LegalEntityId Id, LegalEntityProfile Profile, SourceStamp Stamp) : ILegalEntityEvent;
