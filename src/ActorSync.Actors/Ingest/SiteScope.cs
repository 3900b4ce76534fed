using System.Collections.Immutable;
using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;

namespace ActorSync.Actors.Ingest;

/// <summary>The sites a source may write for: a list, or every site (the command line's own imports).</summary>
public sealed record SiteScope(ImmutableHashSet<SiteId>? Sites)
{
    public static SiteScope All { get; } = new((ImmutableHashSet<SiteId>?)null);

    public bool Allows(SiteId site) => Sites is null || Sites.Contains(site);

    /// <summary>The first site a command writes for that the scope does not allow, if any.</summary>
    public SiteId? Outside(IEnumerable<ICommand> commands)
    {
        foreach (var command in commands)
            if (SiteOf(command) is { } site && !Allows(site))
                return site;
        return null;
    }

    private static SiteId? SiteOf(ICommand command) => command switch
    {
        IEncounterCommand e => e.Key.Site,
        IInvoiceCommand i => i.Key.Site,
        IItemCommand t => t.Key.Site,
        _ => null,
    };
}
