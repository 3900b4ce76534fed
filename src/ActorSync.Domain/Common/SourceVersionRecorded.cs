using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;
using ActorSync.Domain.LegalEntities;

namespace ActorSync.Domain.Common;

/// <summary>
/// A newer version of a source resource arrived but changed nothing the entity holds: the version is
/// still remembered, so that an older one arriving later is recognised as out of order.
/// </summary>
public sealed record SourceVersionRecorded(SourceStamp Stamp) : IEncounterEvent, IInvoiceEvent, IItemEvent, ILegalEntityEvent;
