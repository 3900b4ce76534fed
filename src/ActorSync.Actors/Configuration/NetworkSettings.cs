using System.Globalization;
using ActorSync.Domain.Common;
using ActorSync.Domain.LegalEntities;
using ActorSync.Fhir.Mapping;
using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

/// <summary>The hospital network, bound from <c>actorsync.network</c> and validated with messages that name the key.</summary>
public sealed record NetworkSettings(IReadOnlyDictionary<LegalEntityId, LegalEntityProfile> LegalEntities, IReadOnlyList<SiteRoute> Routes)
{
    private const string Root = "actorsync.network.legal-entities";

    public static NetworkSettings From(Config config)
    {
        var entities = new Dictionary<LegalEntityId, LegalEntityProfile>();
        var routes = new List<SiteRoute>();
        if (!config.HasPath(Root))
            return new NetworkSettings(entities, routes);
        foreach (var id in HoconRead.Keys(config, Root))
        {
            var path = $"{Root}.{HoconRead.QuoteKey(id)}";
            var profile = BindLegalEntity(config.GetConfig(path), path);
            if (LegalEntityDecider.Validate(profile) is { } problem)
                throw new ConfigurationProblem($"{path}: {problem}");
            entities[new LegalEntityId(id)] = profile;
            routes.AddRange(BindRoutes(config.GetConfig(path), new LegalEntityId(id)));
        }
        var sites = entities.SelectMany(e => e.Value.Sites.Select(s => (Site: s.Id, Entity: e.Key))).ToList();
        if (sites.GroupBy(s => s.Site).FirstOrDefault(g => g.Count() > 1) is { } shared)
            throw new ConfigurationProblem($"{Root}: site {shared.Key} belongs to more than one legal entity ({string.Join(", ", shared.Select(s => s.Entity))})");
        var settings = new NetworkSettings(entities, routes);
        Bind(Root, settings.Directory);
        return settings;
    }

    /// <summary>FHIR routing: which organizations, locations and encounter classes mean which site and department.</summary>
    public NetworkDirectory Directory()
    {
        var items = new Dictionary<(SiteId, ItemId), Unit>();
        foreach (var profile in LegalEntities.Values)
            foreach (var site in profile.Sites)
                foreach (var product in profile.Products)
                    items[(site.Id, product.Item)] = product.Conversion.From;
        return new NetworkDirectory(Routes, items);
    }

    /// <summary>A site is recognised by <c>organizations</c> (default <c>Organization/&lt;site id&gt;</c>), a department by <c>locations</c> and <c>encounter-classes</c>.</summary>
    private static IEnumerable<SiteRoute> BindRoutes(Config c, LegalEntityId legalEntity) =>
        HoconRead.Keys(c, "sites").Select(siteId =>
        {
            var site = c.GetConfig($"sites.{HoconRead.QuoteKey(siteId)}");
            var organizations = site.HasPath("organizations") ? site.GetStringList("organizations").ToList() : [$"Organization/{siteId}"];
            var departments = HoconRead.Keys(site, "departments").Select(deptId =>
            {
                var dept = site.GetConfig($"departments.{HoconRead.QuoteKey(deptId)}");
                return new DepartmentRoute(new DepartmentId(deptId),
                    dept.HasPath("locations") ? dept.GetStringList("locations").ToList() : [],
                    dept.HasPath("encounter-classes") ? dept.GetStringList("encounter-classes").ToList() : []);
            }).ToList();
            return new SiteRoute(new SiteId(siteId), legalEntity, organizations, departments);
        });

    /// <summary>The legal entity a site belongs to, if the network knows the site.</summary>
    public LegalEntityId? LegalEntityOf(SiteId site) =>
        LegalEntities.Where(e => e.Value.Sites.Any(s => s.Id == site)).Select(e => (LegalEntityId?)e.Key).FirstOrDefault();

    private static LegalEntityProfile BindLegalEntity(Config c, string path)
    {
        var currency = Bind($"{path}.currency", () => Currency.Of(HoconRead.Required(c, "currency", path)));
        var sites = HoconRead.Keys(c, "sites").Select(siteId =>
        {
            var sitePath = $"{path}.sites.{siteId}";
            var site = c.GetConfig($"sites.{HoconRead.QuoteKey(siteId)}");
            var departments = HoconRead.Keys(site, "departments").Select(deptId =>
            {
                var dept = site.GetConfig($"departments.{HoconRead.QuoteKey(deptId)}");
                var deptPath = $"{sitePath}.departments.{deptId}";
                return new DepartmentProfile(new DepartmentId(deptId), HoconRead.Required(dept, "name", deptPath), HoconRead.Required(dept, "analytic-account", deptPath));
            }).ToList();
            return new SiteProfile(new SiteId(siteId), HoconRead.Required(site, "name", sitePath), departments);
        }).ToList();

        var a = c.GetConfig("accounts") ?? throw new ConfigurationProblem($"{path}.accounts is missing");
        var ap = $"{path}.accounts";
        var accounts = new AccountMapping(
            HoconRead.Required(a, "receivable", ap), HoconRead.Required(a, "revenue", ap), HoconRead.Required(a, "contractual-allowance", ap), HoconRead.Required(a, "write-off", ap),
            HoconRead.Required(a, "inventory-consumption", ap), HoconRead.Required(a, "sales-journal", ap), HoconRead.Required(a, "bank-journal", ap), HoconRead.Required(a, "general-journal", ap));

        var products = HoconRead.Keys(c, "products").Select(code =>
        {
            var p = c.GetConfig($"products.{HoconRead.QuoteKey(code)}");
            var pp = $"{path}.products.{code}";
            var conversion = new UnitConversion(
                new Unit(HoconRead.Required(p, "unit", pp)), new Unit(HoconRead.Required(p, "erp-unit", pp)), Decimal(p, "factor", pp, 1m));
            return new ProductMapping(new ItemId(code), HoconRead.Required(p, "product", pp), conversion,
                Decimal(p, "reorder-threshold", pp, 0m), Decimal(p, "reorder-quantity", pp, 0m), p.GetString("vendor", null));
        }).ToList();

        var posting = c.GetConfig("posting");
        var granularityText = posting?.GetString("granularity", "detail") ?? "detail";
        var granularity = Bind($"{path}.posting.granularity", () => Enum.Parse<PostingGranularity>(granularityText, ignoreCase: true));
        var threshold = posting?.HasPath("approval-threshold") == true
            ? Money.Of(Decimal(posting, "approval-threshold", $"{path}.posting", 0m), currency)
            : (Money?)null;
        var rules = new PostingRules(granularity, threshold, posting?.GetBoolean("approve-summary-batches", false) ?? false);

        return new LegalEntityProfile(HoconRead.Required(c, "name", path), HoconRead.Required(c, "odoo-company", path), currency, sites, accounts, products, rules);
    }

    private static decimal Decimal(Config c, string key, string path, decimal fallback)
    {
        if (!c.HasPath(key))
            return fallback;
        var text = c.GetString(key);
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConfigurationProblem($"{path}.{key} = '{text}' is not a number");
    }

    private static T Bind<T>(string path, Func<T> bind)
    {
        try
        {
            return bind();
        }
        catch (Exception ex) when (ex is DomainException or ArgumentException)
        {
            throw new ConfigurationProblem($"{path}: {ex.Message}");
        }
    }
}
