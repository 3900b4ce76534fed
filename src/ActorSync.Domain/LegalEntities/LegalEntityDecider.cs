using ActorSync.Domain.Common;

namespace ActorSync.Domain.LegalEntities;

/// <summary>Validates a legal entity's configuration; the profile is data the other flows read.</summary>
public sealed class LegalEntityDecider : IDecider<LegalEntityState, ILegalEntityCommand, ILegalEntityEvent>
{
    public static LegalEntityDecider Instance { get; } = new();

    public LegalEntityState Initial => LegalEntityState.Empty;

    public Decision<ILegalEntityEvent> Decide(LegalEntityState state, ILegalEntityCommand command) =>
        Deciding.CheckVersion<ILegalEntityEvent>(state.Versions, command.Stamp) ?? command switch
        {
            ConfigureLegalEntity c => Configure(state, c),
            _ => Decision<ILegalEntityEvent>.Reject($"unknown legal entity command {command.GetType().Name}"),
        };

    private static Decision<ILegalEntityEvent> Configure(LegalEntityState state, ConfigureLegalEntity c)
    {
        if (Validate(c.Profile) is { } problem)
            return Decision<ILegalEntityEvent>.Reject(problem);
        return state.Profile is { } current && current.SameAs(c.Profile)
            ? Decision<ILegalEntityEvent>.Accept(new SourceVersionRecorded(c.Stamp))
            : Decision<ILegalEntityEvent>.Accept(new LegalEntityConfigured(c.Id, c.Profile, c.Stamp));
    }

    /// <summary>The first problem with a profile, or null when it is usable.</summary>
    public static string? Validate(LegalEntityProfile profile)
    {
        if (string.IsNullOrWhiteSpace(profile.Name))
            return "a legal entity needs a name";
        if (string.IsNullOrWhiteSpace(profile.OdooCompany))
            return "a legal entity names its Odoo company";
        if (profile.Sites.Count == 0)
            return "a legal entity has at least one site";
        if (profile.Sites.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1) is { } site)
            return $"site {site.Key} is listed more than once";
        foreach (var s in profile.Sites)
        {
            if (s.Departments.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1) is { } dept)
                return $"department {dept.Key} is listed more than once at site {s.Id}";
            if (s.Departments.FirstOrDefault(d => string.IsNullOrWhiteSpace(d.AnalyticAccount)) is { } bare)
                return $"department {bare.Id} at site {s.Id} has no analytic account";
        }
        if (profile.Products.GroupBy(p => p.Item).FirstOrDefault(g => g.Count() > 1) is { } product)
            return $"item {product.Key} is mapped more than once";
        if (profile.Products.FirstOrDefault(p => p.Conversion.Factor <= 0m) is { } badUnit)
            return $"item {badUnit.Item} has a non-positive unit conversion factor";
        if (profile.Rules.ApprovalThreshold is { } threshold && threshold.Currency != profile.Currency)
            return $"the approval threshold is in {threshold.Currency}, the legal entity in {profile.Currency}";
        return null;
    }

    public LegalEntityState Apply(LegalEntityState state, ILegalEntityEvent @event)
    {
        var next = @event switch
        {
            LegalEntityConfigured e => state with { Id = e.Id, Profile = e.Profile },
            _ => state,
        };
        return next with { Versions = Deciding.Record(next.Versions, @event.Stamp) };
    }
}
