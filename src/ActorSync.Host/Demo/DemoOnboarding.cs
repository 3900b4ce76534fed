using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorSync.Actors.Configuration;

namespace ActorSync.Host.Demo;

/// <summary>
/// The demo's onboarding policy for FHIR data the configuration has never seen: every organization
/// that provides encounters (or is sent as an Organization) and is not yet a site becomes one,
/// spread in turn over the network's legal entities, with one department for every encounter
/// class in the data; every supply code becomes a demo product. Only the demo does this: a real
/// node parks resources of unknown sites and items until the network configuration names them.
/// </summary>
internal sealed class DemoOnboarding
{
    private readonly List<List<string>> _organizations = [];
    private readonly HashSet<string> _classes = new(StringComparer.Ordinal) { "AMB", "EMER", "IMP", "ACUTE", "VR", "HH", "OBSENC", "PRENC", "SS" };
    private readonly Dictionary<string, string> _supplies = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Sites { get; private set; } = [];

    public int Organizations => _organizations.Count;
    public int Products => _supplies.Count;

    /// <summary>Reads the files (Bundles, single resources, NDJSON) for organizations, encounter classes and supply codes.</summary>
    public static DemoOnboarding Scan(IEnumerable<string> files)
    {
        var scan = new DemoOnboarding();
        foreach (var file in files)
            foreach (var resource in Resources(file))
                scan.Note(resource);
        return scan;
    }

    /// <summary>HOCON that adds the unknown organizations as sites and the supply codes as products; the first new site takes resources that name none.</summary>
    public string Hocon(NetworkSettings network)
    {
        var known = network.Routes.SelectMany(r => r.Organizations).ToHashSet(StringComparer.Ordinal);
        var entities = network.LegalEntities.Keys.Select(k => k.Value).Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder("# Written by `actorsync demo --data`: the demo's onboarding of organizations and supply codes it had not seen.\n");
        var sites = new List<string>();
        foreach (var organization in _organizations.Where(o => !o.Any(known.Contains)))
        {
            var site = $"demo-site-{sites.Count + 1:000}";
            var entity = entities[sites.Count % entities.Count];
            sites.Add(site);
            text.Append(CultureInfo.InvariantCulture, $"actorsync.network.legal-entities.{entity}.sites.{site} {{ name = \"Demo site {sites.Count}\", organizations = [{string.Join(", ", organization.Select(HoconText.Quote))}]\n")
                .Append(CultureInfo.InvariantCulture, $"  departments.general {{ name = General, analytic-account = \"{site.ToUpperInvariant()} General\", encounter-classes = [{string.Join(", ", _classes.Order(StringComparer.Ordinal).Select(HoconText.Quote))}] }} }}\n");
        }
        foreach (var entity in entities)
            foreach (var (code, unit) in _supplies.Where(s => !network.LegalEntities.Values.SelectMany(p => p.Products).Any(p => p.Item.Value == s.Key)))
                text.Append(CultureInfo.InvariantCulture, $"actorsync.network.legal-entities.{entity}.products.{HoconText.Quote(code)} {{ product = {HoconText.Quote("DEMO-" + code)}, unit = {HoconText.Quote(unit)}, erp-unit = {HoconText.Quote(unit)}, factor = 1 }}\n");
        Sites = sites;
        return text.ToString();
    }

    private void Note(JsonElement resource)
    {
        switch (Text(resource, "resourceType"))
        {
            case "Organization":
                var names = new List<string>();
                if (Text(resource, "id") is { } id)
                    names.Add("Organization/" + id);
                if (resource.TryGetProperty("identifier", out var identifiers) && identifiers.ValueKind == JsonValueKind.Array)
                    names.AddRange(identifiers.EnumerateArray().Select(i => (Text(i, "system"), Text(i, "value"))).Where(i => i.Item2 is not null).Select(i => $"{i.Item1}|{i.Item2}"));
                AddOrganization(names);
                break;
            case "Encounter":
                if (resource.TryGetProperty("class", out var kind) && Text(kind, "code") is { } code)
                    _classes.Add(code);
                if (resource.TryGetProperty("serviceProvider", out var provider))
                    AddOrganization(ProviderNames(provider));
                break;
            case "SupplyDelivery":
                if (resource.TryGetProperty("suppliedItem", out var item) && item.TryGetProperty("itemCodeableConcept", out var concept)
                    && concept.TryGetProperty("coding", out var coding) && coding.ValueKind == JsonValueKind.Array && coding.GetArrayLength() > 0
                    && Text(coding[0], "code") is { } supply)
                {
                    var unit = item.TryGetProperty("quantity", out var quantity) ? Text(quantity, "code") ?? Text(quantity, "unit") : null;
                    _supplies.TryAdd(supply, string.IsNullOrWhiteSpace(unit) ? "each" : unit);
                }
                break;
        }
    }

    /// <summary>A service provider reference as routing names it: <c>Organization/id</c>, or the identifier of a conditional or logical reference.</summary>
    private static List<string> ProviderNames(JsonElement reference)
    {
        var names = new List<string>();
        if (Text(reference, "reference") is { } literal)
        {
            const string conditional = "Organization?identifier=";
            if (literal.StartsWith(conditional, StringComparison.Ordinal))
                names.Add(Uri.UnescapeDataString(literal[conditional.Length..]));
            else if (literal.StartsWith("Organization/", StringComparison.Ordinal))
                names.Add(literal);
        }
        if (reference.TryGetProperty("identifier", out var identifier) && Text(identifier, "value") is { } value)
            names.Add($"{Text(identifier, "system")}|{value}");
        return names;
    }

    /// <summary>One organization per set of names: names already noted join their organization.</summary>
    private void AddOrganization(List<string> names)
    {
        if (names.Count == 0)
            return;
        var existing = _organizations.FirstOrDefault(o => o.Any(names.Contains));
        if (existing is null)
            _organizations.Add(names.Distinct(StringComparer.Ordinal).ToList());
        else
            existing.AddRange(names.Where(n => !existing.Contains(n)));
    }

    private static IEnumerable<JsonElement> Resources(string file)
    {
        if (file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in File.ReadLines(file))
                if (Parse(line) is { } resource)
                    yield return resource;
            yield break;
        }
        if (Parse(File.ReadAllText(file)) is not { } root)
            yield break;
        if (Text(root, "resourceType") != "Bundle")
        {
            yield return root;
            yield break;
        }
        if (root.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
            foreach (var entry in entries.EnumerateArray())
                if (entry.TryGetProperty("resource", out var resource))
                    yield return resource;
    }

    /// <summary>Unreadable JSON is the import's to report (as rejected); the scan passes over it.</summary>
    private static JsonElement? Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
