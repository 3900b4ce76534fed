using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Fhir.Generation;

namespace ActorSync.Host.Commands;

/// <summary>
/// <c>actorsync generate</c>: sample FHIR R4 for the configured network, byte-for-byte the same for a
/// seed: transaction Bundles, one file per site and day (<c>&lt;out&gt;/&lt;site&gt;/&lt;yyyy-MM-dd&gt;.json</c>),
/// or Bulk Data NDJSON, one file per site and resource type (<c>&lt;out&gt;/&lt;site&gt;/&lt;Type&gt;.ndjson</c>).
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder the bundles are written to (<out>/<site>/<yyyy-MM-dd>.json)", Required = true };
        var days = new Option<int>("--days") { Description = "Days to generate", DefaultValueFactory = _ => 1 };
        var startDate = new Option<string>("--start-date") { Description = "First day, yyyy-MM-dd", DefaultValueFactory = _ => "2026-01-05" };
        var encounters = new Option<int>("--encounters-per-day") { Description = "Encounters per site and day", DefaultValueFactory = _ => 40 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same bytes", DefaultValueFactory = _ => 42 };
        var duplicates = new Option<double>("--duplicates") { Description = "Share of resources sent again unchanged (0..1)", DefaultValueFactory = _ => 0.05 };
        var corrections = new Option<double>("--corrections") { Description = "Share of encounters and claims re-sent as version 2 (0..1)", DefaultValueFactory = _ => 0.03 };
        var supplyUse = new Option<double>("--supply-use") { Description = "Share of encounters that use supplies (0..1)", DefaultValueFactory = _ => 0.5 };
        var format = new Option<string>("--format") { Description = "bundles (a transaction Bundle per site and day) or ndjson (Bulk Data: a file per site and resource type)", DefaultValueFactory = _ => "bundles" };
        var payers = new Option<string?>("--payers") { Description = "Payer mix as name=weight,... (default Medicare=30,Medicaid=20,UnitedHealthcare=15,Blue Cross Blue Shield=15,Aetna=5,NO_INSURANCE=15)" };
        var json = new Option<bool>("--json") { Description = "Print the counts as one JSON object on the last line" };
        var config = CommonOptions.Config();
        var hocon = CommonOptions.HoconFolder();
        var command = new Command("generate", "Write sample FHIR R4 (Synthea-shaped transaction bundles, or Bulk Data NDJSON) for the configured network")
        {
            output, days, startDate, encounters, seed, duplicates, corrections, supplyUse, payers, format, json, config, hocon,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(startDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                return await BadArgument($"--start-date '{parse.GetValue(startDate)}' is not a date in the form yyyy-MM-dd");
            if (parse.GetValue(format) is not ("bundles" or "ndjson"))
                return await BadArgument($"--format '{parse.GetValue(format)}' is bundles or ndjson");
            if (ParsePayers(parse.GetValue(payers), out var payerProblem) is not { } mix)
                return await BadArgument(payerProblem!);
            var options = new GeneratorOptions(start, parse.GetValue(days), parse.GetValue(encounters), parse.GetValue(seed),
                parse.GetValue(duplicates), parse.GetValue(corrections), mix, parse.GetValue(supplyUse));
            if (options.Problem() is { } problem)
                return await BadArgument(problem);

            NetworkSettings network;
            try
            {
                var loaded = HoconFiles.Load(parse.GetValue(hocon) ?? HoconFiles.DefaultFolder(), parse.GetValue(config) ?? []);
                network = NetworkSettings.From(loaded);
            }
            catch (ConfigurationProblem ex)
            {
                await Console.Error.WriteLineAsync($"actorsync generate: configuration error: {ex.Message}");
                return ExitCodes.BadConfiguration;
            }
            var sites = Sites(network);
            if (sites.Count == 0)
                return await BadArgument("the configuration has no sites (actorsync.network.legal-entities.<entity>.sites)");

            return await WriteAsync(parse.GetValue(output)!, sites, options, parse.GetValue(format) == "ndjson", parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> WriteAsync(string folder, IReadOnlyList<GeneratorSite> sites, GeneratorOptions options, bool ndjson, bool json, CancellationToken cancellationToken)
    {
        var files = 0;
        var duplicates = 0;
        var corrections = 0;
        var resources = new SortedDictionary<string, int>(StringComparer.Ordinal);
        // NDJSON: one file per site and type, the days one after the other.
        var lines = new Dictionary<string, StreamWriter>(StringComparer.Ordinal);
        try
        {
            foreach (var bundle in FhirDataGenerator.Generate(sites, options))
            {
                if (ndjson)
                {
                    foreach (var (type, line) in NdjsonLines.Of(bundle.Json))
                    {
                        var file = Path.Combine(folder, bundle.Site, type + ".ndjson");
                        if (!lines.TryGetValue(file, out var writer))
                        {
                            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                            lines[file] = writer = new StreamWriter(file, append: false) { NewLine = "\n" };
                        }
                        await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
                    }
                }
                else
                {
                    var path = Path.Combine(folder, bundle.RelativePath);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await File.WriteAllBytesAsync(path, bundle.Json, cancellationToken);
                    files++;
                }
                duplicates += bundle.Duplicates;
                corrections += bundle.Corrections;
                foreach (var (type, count) in bundle.Resources)
                    resources[type] = resources.GetValueOrDefault(type) + count;
            }
            // Flushed here, inside the try: a full disk is a readable message, not a stack trace.
            foreach (var writer in lines.Values)
                await writer.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (var writer in lines.Values)
                Quietly(writer.Dispose);
            await Console.Error.WriteLineAsync($"actorsync generate: cannot write to {folder}: {ex.Message}");
            return ExitCodes.BadConfiguration;
        }
        files += lines.Count;

        Console.WriteLine($"Wrote {files} {(ndjson ? "NDJSON file(s)" : "bundle(s)")} for {sites.Count} site(s) x {options.Days} day(s) to {Path.GetFullPath(folder)} (seed {options.Seed})");
        foreach (var (type, count) in resources)
            Console.WriteLine($"  {type,-22} {count,8}");
        Console.WriteLine($"  {"(of which duplicates)",-22} {duplicates,8}");
        Console.WriteLine($"  {"(of which corrections)",-22} {corrections,8}");
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new { files, resources, duplicates, corrections }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return ExitCodes.Ok;
    }

    /// <summary>The generator's view of the network: sites with their routing, names, currency and products.</summary>
    internal static List<GeneratorSite> Sites(NetworkSettings network) =>
        [.. network.Routes.Select(route =>
        {
            var entity = network.LegalEntities[route.LegalEntity];
            var profile = entity.Sites.Single(s => s.Id == route.Site);
            return new GeneratorSite(
                route.Site.Value,
                profile.Name,
                entity.Currency.Code,
                route.Organizations,
                [.. route.Departments.Select(d => new GeneratorDepartment(d.Department.Value,
                    profile.Departments.FirstOrDefault(p => p.Id == d.Department)?.Name ?? d.Department.Value, d.EncounterClasses, d.Locations))],
                [.. entity.Products.Select(p => new GeneratorProduct(p.Item.Value, p.ErpProduct, p.Conversion.From.Code))]);
        })];

    private static IReadOnlyList<PayerShare>? ParsePayers(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
            return GeneratorOptions.DefaultPayers;
        var result = new List<PayerShare>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.LastIndexOf('=');
            if (equals <= 0 || !int.TryParse(part[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
            {
                problem = $"--payers: '{part}' is not name=weight (a whole number)";
                return null;
            }
            result.Add(new PayerShare(part[..equals].Trim(), weight));
        }
        return result;
    }

    private static void Quietly(Action dispose)
    {
        try
        {
            dispose();
        }
        catch (IOException)
        {
            // Already reported: the write that failed.
        }
    }

    private static async Task<int> BadArgument(string message)
    {
        await Console.Error.WriteLineAsync($"actorsync generate: {message}");
        return ExitCodes.BadConfiguration;
    }
}
