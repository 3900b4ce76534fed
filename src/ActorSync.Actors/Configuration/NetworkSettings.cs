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
        foreach (var id in Keys(config, Root))
        {
            var path = $"{Root}.{Quote(id)}";
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
        Keys(c, "sites").Select(siteId =>
        {
            var site = c.GetConfig($"sites.{Quote(siteId)}");
            var organizations = site.HasPath("organizations") ? site.GetStringList("organizations").ToList() : [$"Organization/{siteId}"];
            var departments = Keys(site, "departments").Select(deptId =>
            {
                var dept = site.GetConfig($"departments.{Quote(deptId)}");
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
        var currency = Bind($"{path}.currency", () => Currency.Of(Required(c, "currency", path)));
        var sites = Keys(c, "sites").Select(siteId =>
        {
            var sitePath = $"{path}.sites.{siteId}";
            var site = c.GetConfig($"sites.{Quote(siteId)}");
            var departments = Keys(site, "departments").Select(deptId =>
            {
                var dept = site.GetConfig($"departments.{Quote(deptId)}");
                var deptPath = $"{sitePath}.departments.{deptId}";
                return new DepartmentProfile(new DepartmentId(deptId), Required(dept, "name", deptPath), Required(dept, "analytic-account", deptPath));
            }).ToList();
            return new SiteProfile(new SiteId(siteId), Required(site, "name", sitePath), departments);
        }).ToList();

        var a = c.GetConfig("accounts") ?? throw new ConfigurationProblem($"{path}.accounts is missing");
        var ap = $"{path}.accounts";
        var accounts = new AccountMapping(
            Required(a, "receivable", ap), Required(a, "revenue", ap), Required(a, "contractual-allowance", ap), Required(a, "write-off", ap),
            Required(a, "inventory-consumption", ap), Required(a, "sales-journal", ap), Required(a, "bank-journal", ap), Required(a, "general-journal", ap));

        var products = Keys(c, "products").Select(code =>
        {
            var p = c.GetConfig($"products.{Quote(code)}");
            var pp = $"{path}.products.{code}";
            var conversion = new UnitConversion(
                new Unit(Required(p, "unit", pp)), new Unit(Required(p, "erp-unit", pp)), Decimal(p, "factor", pp, 1m));
            return new ProductMapping(new ItemId(code), Required(p, "product", pp), conversion,
                Decimal(p, "reorder-threshold", pp, 0m), Decimal(p, "reorder-quantity", pp, 0m), p.GetString("vendor", null));
        }).ToList();

        var posting = c.GetConfig("posting");
        var granularityText = posting?.GetString("granularity", "detail") ?? "detail";
        var granularity = Bind($"{path}.posting.granularity", () => Enum.Parse<PostingGranularity>(granularityText, ignoreCase: true));
        var threshold = posting?.HasPath("approval-threshold") == true
            ? Money.Of(Decimal(posting, "approval-threshold", $"{path}.posting", 0m), currency)
            : (Money?)null;
        var rules = new PostingRules(granularity, threshold, posting?.GetBoolean("approve-summary-batches", false) ?? false);

        return new LegalEntityProfile(Required(c, "name", path), Required(c, "odoo-company", path), currency, sites, accounts, products, rules);
    }

    private static IEnumerable<string> Keys(Config config, string path) =>
        config.HasPath(path) ? config.GetConfig(path).Root.GetObject().Items.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList() : [];

    private static string Quote(string key) => key.Any(ch => !(char.IsLetterOrDigit(ch) || ch == '-' || ch == '_')) || char.IsDigit(key[0]) ? $"\"{key}\"" : key;

    private static string Required(Config c, string key, string path)
    {
        var value = c.HasPath(key) ? c.GetString(key, null) : null;
        return string.IsNullOrWhiteSpace(value) ? throw new ConfigurationProblem($"{path}.{key} is missing") : value;
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
