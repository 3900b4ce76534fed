using ActorSync.Domain.Postings;

namespace ActorSync.Domain.Sinks;

/// <summary>
/// Which of the postings that may go (in outbox order) go now, each workflow at its own sync mode:
/// a workflow is due when its postings reached its size or its oldest waited its window. Master
/// data always goes (what it names needs it first; alone when there is more than a batch of it), and
/// a posting never goes ahead of a dependency that waits for its own workflow.
/// </summary>
public static class SyncPacing
{
    public static IReadOnlyList<Posting> Due(IReadOnlyList<Posting> ready, Func<PostingKey, DateTimeOffset> queuedAt, Func<PostingWorkflow, SyncMode> modeOf, DateTimeOffset now)
    {
        var waiting = ready.GroupBy(PostingWorkflows.Of).ToDictionary(g => g.Key, g => g.ToList());
        // More master data than one batch takes: it goes alone, so nothing goes before what it names.
        if (waiting.TryGetValue(PostingWorkflow.MasterData, out var masterData) && masterData.Count > modeOf(PostingWorkflow.MasterData).Size)
            return [.. masterData.Take(modeOf(PostingWorkflow.MasterData).Size)];
        var due = waiting.Where(w => w.Key == PostingWorkflow.MasterData || IsDue(w.Value, modeOf(w.Key), queuedAt, now)).Select(w => w.Key).ToHashSet();
        var taken = new Dictionary<PostingWorkflow, int>();
        var held = new HashSet<PostingKey>();
        var batch = new List<Posting>();
        foreach (var posting in ready)
        {
            var workflow = PostingWorkflows.Of(posting);
            var count = taken.GetValueOrDefault(workflow);
            if (!due.Contains(workflow) || count >= modeOf(workflow).Size || PostingDerivation.DependencyOf(posting) is { } d && held.Contains(d))
            {
                held.Add(posting.Key);
                continue;
            }
            taken[workflow] = count + 1;
            batch.Add(posting);
        }
        return batch;
    }

    private static bool IsDue(List<Posting> waiting, SyncMode mode, Func<PostingKey, DateTimeOffset> queuedAt, DateTimeOffset now) =>
        mode.Window == TimeSpan.Zero || waiting.Count >= mode.Size || now - waiting.Min(p => queuedAt(p.Key)) >= mode.Window;
}
