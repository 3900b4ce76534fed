namespace ActorSync.Host.Commands;

/// <summary>
/// What an import could not apply — rejected, forbidden or parked resources, where and why — kept
/// for the summary: the first few in full, the rest counted. Safe for files read at once.
/// </summary>
public sealed class ImportProblems(int kept = 20)
{
    private readonly List<string> _first = [];
    private int _total;

    public void Add(string problem)
    {
        lock (_first)
        {
            _total++;
            if (_first.Count < kept)
                _first.Add(problem);
        }
    }

    public void WriteTo(TextWriter writer)
    {
        lock (_first)
        {
            if (_total == 0)
                return;
            var which = _total > _first.Count ? $"the first {_first.Count} of {_total:N0}" : $"{_total:N0}";
            writer.WriteLine($"Not applied ({which}; all are in the input exception queue: actorsync inputs list):");
            foreach (var problem in _first)
                writer.WriteLine($"  {problem}");
        }
    }
}
