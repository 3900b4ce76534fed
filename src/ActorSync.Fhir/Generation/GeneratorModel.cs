namespace ActorSync.Fhir.Generation;

/// <summary>A department as the generator sees it: the encounter classes routed to it and the Location references that name it.</summary>
public sealed record GeneratorDepartment(string Id, string Name, IReadOnlyList<string> EncounterClasses, IReadOnlyList<string> Locations);

/// <summary>A supply item a site stocks, with the unit a source counts it in.</summary>
public sealed record GeneratorProduct(string Code, string Display, string Unit);

/// <summary>
/// A site of the network: its Organization references (<c>Organization/x</c> or <c>system|value</c>),
/// departments, currency and products.
/// </summary>
public sealed record GeneratorSite(
    string Id,
    string Name,
    string Currency,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<GeneratorDepartment> Departments,
    IReadOnlyList<GeneratorProduct> Products);

/// <summary>A payer and its share of the claims (relative weight).</summary>
public sealed record PayerShare(string Name, int Weight);

/// <summary>How much to generate, from which seed.</summary>
public sealed record GeneratorOptions(
    DateOnly StartDate,
    int Days,
    int EncountersPerDay,
    int Seed,
    double Duplicates,
    double Corrections,
    IReadOnlyList<PayerShare> Payers,
    double SupplyUse = 0.5)
{
    public static IReadOnlyList<PayerShare> DefaultPayers { get; } =
    [
        new("Medicare", 30), new("Medicaid", 20), new("UnitedHealthcare", 15),
        new("Blue Cross Blue Shield", 15), new("Aetna", 5), new("NO_INSURANCE", 15),
    ];

    /// <summary>What is wrong with the options, in words, or null.</summary>
    public string? Problem() =>
        Days < 1 ? "--days must be at least 1"
        : EncountersPerDay < 0 ? "--encounters-per-day cannot be negative"
        : Duplicates is < 0 or > 1 || double.IsNaN(Duplicates) ? "--duplicates is a share between 0 and 1"
        : Corrections is < 0 or > 1 || double.IsNaN(Corrections) ? "--corrections is a share between 0 and 1"
        : SupplyUse is < 0 or > 1 || double.IsNaN(SupplyUse) ? "--supply-use is a share between 0 and 1"
        : Payers.Count == 0 || Payers.Any(p => p.Weight < 0 || string.IsNullOrWhiteSpace(p.Name)) || Payers.Sum(p => p.Weight) <= 0
            ? "the payer mix needs at least one payer with a positive weight"
            : null;
}

/// <summary>One generated transaction Bundle: one site, one day.</summary>
public sealed record GeneratedBundle(string Site, DateOnly Day, byte[] Json, IReadOnlyDictionary<string, int> Resources, int Duplicates, int Corrections)
{
    /// <summary>Where it goes below the output folder: <c>&lt;site&gt;/&lt;yyyy-MM-dd&gt;.json</c>.</summary>
    public string RelativePath => Path.Combine(Site, Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".json");
}
