using System.Collections.Frozen;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Lookup;

namespace ActorSync.Odoo.Postings;

/// <summary>
/// Everything a posting kind needs while it writes: the connection, the lookups, the one company it
/// writes in, and the postings the caller knows were never sent before (<see cref="FirstAttempts"/>).
/// </summary>
public sealed record PostingScope(OdooClient Odoo, OdooDirectory Directory, ExternalRecords Records, OdooCompany Company, OdooTarget Target, UncertainWrites Uncertain)
{
    /// <summary>
    /// Postings no earlier attempt can have made: nothing in Odoo to look for, so their look-ups are
    /// skipped. The hint must be right: an extra record is caught (by the external id's uniqueness,
    /// and deleted while still a draft) only when the earlier attempt got as far as its external id.
    /// </summary>
    public IReadOnlySet<PostingKey> FirstAttempts { get; init; } = NoFirstAttempts;

    /// <summary>Every posting may have been sent before: all are looked up.</summary>
    public static IReadOnlySet<PostingKey> NoFirstAttempts { get; } = FrozenSet<PostingKey>.Empty;
}
