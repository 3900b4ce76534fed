using ActorSync.Odoo.Lookup;

namespace ActorSync.Odoo.Postings;

/// <summary>Everything a posting kind needs while it writes: the connection, the lookups and the one company it writes in.</summary>
public sealed record PostingScope(OdooClient Odoo, OdooDirectory Directory, ExternalRecords Records, OdooCompany Company, OdooTarget Target, UncertainWrites Uncertain);
