using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorSync.Deploy.Tests.Support;

/// <summary>deploy/Dockerfile read as instructions: what it copies from the repository, runs, exposes and starts.</summary>
internal sealed partial class DockerfileModel
{
    public const string RelativePath = "deploy/Dockerfile";

    public sealed record Copy(bool FromStage, IReadOnlyList<string> Sources, string Destination, bool InFinalStage);

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    private DockerfileModel(IReadOnlyList<(string, string)> instructions) => Instructions = instructions;

    public static DockerfileModel Load()
    {
        var joined = ContinuedLine().Replace(Repo.Read(RelativePath), " ");
        var instructions = joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2) is [var keyword, var rest] ? (keyword.ToUpperInvariant(), rest.Trim()) : (l.ToUpperInvariant(), ""))
            .ToList();
        return new DockerfileModel(instructions);
    }

    public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    public IReadOnlyList<Copy> Copies()
    {
        var stages = Instructions.Count(i => i.Keyword == "FROM");
        var stage = 0;
        var copies = new List<Copy>();
        foreach (var (keyword, arguments) in Instructions)
        {
            if (keyword == "FROM")
                stage++;
            if (keyword != "COPY")
                continue;
            var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
            copies.Add(new Copy(words.Any(w => w.StartsWith("--from=", StringComparison.Ordinal)), paths[..^1], paths[^1], stage == stages));
        }
        return copies;
    }

    /// <summary>The repository file that ends up at <paramref name="imagePath"/> in the final image, or null.</summary>
    public string? RepositoryFileAt(string imagePath)
    {
        string? found = null;
        foreach (var copy in Copies().Where(c => c.InFinalStage && !c.FromStage))
            foreach (var source in copy.Sources)
            {
                if (source.EndsWith('/') && imagePath.StartsWith(copy.Destination, StringComparison.Ordinal))
                    found = source + imagePath[copy.Destination.Length..];
                else if (copy.Destination == imagePath)
                    found = source;
            }
        return found is not null && File.Exists(Repo.PathOf(found)) ? found : null;
    }

    public IReadOnlyList<string> JsonForm(string keyword) =>
        JsonSerializer.Deserialize<string[]>(All(keyword).Single()) ?? throw new InvalidDataException($"{keyword} is not in JSON form");

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuedLine();
}
