using ActorSync.Actors.Configuration;
using ActorSync.Domain.Common;
using ActorSync.Fhir.Generation;
using ActorSync.Fhir.Parsing;
using ActorSync.Host.Commands;

namespace ActorSync.Host.Demo;

/// <summary>Files one source sends, and its own site (for resources that name none, such as Synthea's supply deliveries).</summary>
internal sealed record DemoFeed(SiteId? Site, IReadOnlyList<string> Files);

/// <summary>The files the demo feeds, per source, and the configuration they need.</summary>
internal sealed record DemoInput(string Description, IReadOnlyList<DemoFeed> Feeds, IReadOnlyList<string> ConfigFiles)
{
    /// <summary>The sample network's generated day (the same bytes every run, so a second run is all duplicates), or the given data onboarded.</summary>
    public static async Task<DemoInput> PrepareAsync(DemoOptions options, NetworkSettings network, CancellationToken ct)
    {
        if (options.Data is not { } data)
        {
            var folder = Path.Combine(options.DataDir, "sample");
            var generator = new GeneratorOptions(new DateOnly(2026, 1, 5), 1, options.EncountersPerDay, options.Seed, 0.05, 0.03, GeneratorOptions.DefaultPayers);
            if (generator.Problem() is { } problem)
                throw new ConfigurationProblem(problem);
            foreach (var bundle in FhirDataGenerator.Generate(GenerateCommand.Sites(network), generator))
            {
                var path = Path.Combine(folder, bundle.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, bundle.Json, ct);
            }
            // Each site's EHR is a source of its own: the generator writes <site>/<day>.json.
            var feeds = network.Routes.Select(r => new DemoFeed(r.Site, FhirFiles.Find([Path.Combine(folder, r.Site.Value)]))).ToList();
            return new DemoInput($"a generated day of {network.Routes.Count} sites (seed {options.Seed}, {options.EncountersPerDay} encounters per site)", feeds, options.ConfigFiles);
        }
        if (!File.Exists(data) && !Directory.Exists(data))
            throw new ConfigurationProblem($"--data {data}: no such file or folder");
        var files = FhirFiles.Find([data]);
        if (files.Count == 0)
            throw new ConfigurationProblem($"--data {data}: no *.json or *.ndjson files in it");
        var onboarding = DemoOnboarding.Scan(files);
        var hocon = onboarding.Hocon(network);
        var conf = Path.Combine(options.DataDir, "demo-onboarding.conf");
        await File.WriteAllTextAsync(conf, hocon, ct);
        var siteless = onboarding.Sites.Count > 0 ? new SiteId(onboarding.Sites[0]) : network.Routes[0].Site;
        return new DemoInput($"{files.Count} file(s) from {data}; {onboarding.Sites.Count} new organization(s) onboarded as demo sites, {onboarding.Products} supply code(s) as demo products ({conf})",
            [new DemoFeed(siteless, files)], [.. options.ConfigFiles, conf]);
    }
}
