using System.Text;
using System.Text.Json;

namespace ActorSync.Host.Tests;

/// <summary>
/// What a set of third-party FHIR files contains, counted straight from the JSON, and a network
/// configuration that knows their organizations as sites (one legal entity, a site per
/// Organization resource, every supply code a product), as a team onboarding that data would write.
/// </summary>
internal sealed class FixtureNetwork
{
    private readonly List<JsonElement> _resources = [];

    public static FixtureNetwork Read(params string[] folders)
    {
        var network = new FixtureNetwork();
        foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories)))
        {
            if (file.EndsWith(".ndjson", StringComparison.Ordinal))
                network._resources.AddRange(File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()));
            else if (file.EndsWith(".json", StringComparison.Ordinal) && JsonDocument.Parse(File.ReadAllBytes(file)).RootElement is var root
                     && root.TryGetProperty("entry", out var entries))
                network._resources.AddRange(entries.EnumerateArray().Select(e => e.GetProperty("resource").Clone()));
        }
        return network;
    }

    public IEnumerable<JsonElement> OfType(string type) => _resources.Where(r => r.GetProperty("resourceType").GetString() == type);

    public int Distinct(string type) => OfType(type).Select(r => r.GetProperty("id").GetString()).Distinct().Count();

    public int CompletedDeliveries => OfType("SupplyDelivery").Count(d => d.GetProperty("status").GetString() == "completed");

    public int PaidEobs => OfType("ExplanationOfBenefit").Count(e => e.TryGetProperty("payment", out var p) && p.TryGetProperty("amount", out var a) && a.GetProperty("value").GetDecimal() > 0);

    public string FirstSite => "s000";

    /// <summary>The legal entities the sites are split between (even sites the first, odd the second), with their Odoo companies.</summary>
    public static IReadOnlyList<(string Id, string Company)> LegalEntities { get; } = [("synthea-health", "Synthea Health"), ("synthea-care", "Synthea Care")];

    public static string LegalEntityOfSite(int site) => LegalEntities[site % 2].Id;

    public string Hocon()
    {
        var text = new StringBuilder("actorsync.network.legal-entities {\n");
        var organizations = Organizations();
        for (var le = 0; le < LegalEntities.Count; le++)
        {
            text.Append($$"""
                  {{LegalEntities[le].Id}} {
                    name = "{{LegalEntities[le].Company}}", odoo-company = "{{LegalEntities[le].Company}}", currency = USD
                    accounts { receivable = "121000", revenue = "400000", contractual-allowance = "400100", write-off = "400200",
                               inventory-consumption = "600000", sales-journal = "INV", bank-journal = "BNK1", general-journal = "MISC" }
                    sites {

                """);
            for (var i = le; i < organizations.Count; i += LegalEntities.Count)
                text.Append($"      s{i:000} {{ name = \"Synthea site {i}\", organizations = [{string.Join(", ", organizations[i].Select(Quote))}], ")
                    .Append($"departments {{ general {{ name = General, analytic-account = \"S{i:000} General\", encounter-classes = [AMB, EMER, IMP, ACUTE, VR, HH, OBSENC, PRENC, SS] }} }} }}\n");
            text.Append("    }\n    products {\n");
            foreach (var code in OfType("SupplyDelivery").Select(d => d.GetProperty("suppliedItem").GetProperty("itemCodeableConcept").GetProperty("coding")[0].GetProperty("code").GetString()).Distinct())
                text.Append($"      {Quote(code!)} {{ product = \"SYN-{code}\", unit = each, erp-unit = each, factor = 1 }}\n");
            text.Append("    }\n  }\n");
        }
        return text.Append("}\n").ToString();
    }

    /// <summary>Each site's organization identifiers (system|value), in site order: one site per distinct Organization.</summary>
    private List<List<string>> Organizations() => [.. OfType("Organization").Select(o => o.GetProperty("identifier").EnumerateArray()
            .Select(i => $"{i.GetProperty("system").GetString()}|{i.GetProperty("value").GetString()}").ToList())
        .DistinctBy(ids => ids[0])];

    private static string Quote(string value) => "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
