using ActorSync.Actors.Hosting;
using ActorSync.Actors.Reconciliation;
using ActorSync.Actors.Sinks;
using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Reconciliation;
using Akka.Actor;

namespace ActorSync.Actors.Replay;

/// <summary>
/// Which delivered postings to send again: a legal entity (or all), the posting's date in
/// [<see cref="From"/>, <see cref="To"/>] (postings without a date of their own, such as master data
/// and requests for quotation: the day they were queued), and kinds as <see cref="PostingKinds"/>
/// names them (all when empty).
/// </summary>
public sealed record RepostScope(LegalEntityId? LegalEntity, DateOnly From, DateOnly To, IReadOnlySet<string> Kinds)
{
    public static RepostScope Everything { get; } = new(null, DateOnly.MinValue, DateOnly.MaxValue, new HashSet<string>());

    /// <summary>A kind as options spell it (<c>credit-note</c>).</summary>
    public static string Dashed(string kind) => kind.Replace(' ', '-');

    /// <summary>The scope from the words of a command line or a query (days yyyy-MM-dd, kinds dashed); the problem in words otherwise.</summary>
    public static string? TryParse(string? legalEntity, string? from, string? to, IEnumerable<string> kinds, out RepostScope? scope)
    {
        scope = null;
        if (!TryDay("from", from, DateOnly.MinValue, out var first, out var problem) || !TryDay("to", to, DateOnly.MaxValue, out var last, out problem))
            return problem;
        if (first > last)
            return $"from {from} must not be after to {to}";
        var names = kinds.Select(k => k.Trim().Replace('-', ' ').ToLowerInvariant()).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (names.FirstOrDefault(k => !PostingKinds.All.Contains(k)) is { } unknown)
            return $"kind {Dashed(unknown)} is not a kind of posting ({string.Join(", ", PostingKinds.All.Select(Dashed))})";
        scope = new RepostScope(string.IsNullOrWhiteSpace(legalEntity) ? null : new LegalEntityId(legalEntity.Trim()), first, last, names);
        return null;
    }

    private static bool TryDay(string name, string? text, DateOnly missing, out DateOnly day, out string? problem)
    {
        problem = null;
        day = missing;
        if (string.IsNullOrEmpty(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day))
            return true;
        problem = $"{name} {text} is not a day (yyyy-MM-dd)";
        return false;
    }

    public bool Covers(LedgerEntry entry)
    {
        var day = ExpectedLines.DateOf(entry.Posting) ?? DateOnly.FromDateTime(entry.QueuedAt.UtcDateTime);
        return entry.Status == PostingStatus.Delivered && (LegalEntity is null || entry.Posting.LegalEntity == LegalEntity)
            && day >= From && day <= To && (Kinds.Count == 0 || Kinds.Contains(PostingKinds.Of(entry.Posting)));
    }
}

/// <summary>What became of the reposted postings of one kind: found in Odoo, made again, or not confirmed (yet).</summary>
public sealed record RepostedKind(string Kind, int Reposted, int AlreadyInOdoo, int Created, int NotConfirmed);

/// <summary>A repost: per kind, what the sinks refused (with their reasons), and the sinks at the end.</summary>
public sealed record RepostReport(IReadOnlyList<RepostedKind> ByKind, IReadOnlyList<string> Refused, SinksSummary Sinks)
{
    public int Reposted => ByKind.Sum(k => k.Reposted);
    public int AlreadyInOdoo => ByKind.Sum(k => k.AlreadyInOdoo);
    public int Created => ByKind.Sum(k => k.Created);
    public int NotConfirmed => ByKind.Sum(k => k.NotConfirmed);

    /// <summary>Everything asked for is confirmed again, and the sinks are idle.</summary>
    public bool Complete => Sinks.Idle && NotConfirmed == 0 && Refused.Count == 0;

    /// <summary>The report as the command's <c>--json</c> line and the management API's answer.</summary>
    public object Summary() => new
    {
        reposted = Reposted, alreadyInOdoo = AlreadyInOdoo, created = Created, notConfirmed = NotConfirmed, sinksIdle = Sinks.Idle, complete = Complete,
        byKind = ByKind.ToDictionary(k => k.Kind, k => new { reposted = k.Reposted, alreadyInOdoo = k.AlreadyInOdoo, created = k.Created, notConfirmed = k.NotConfirmed }),
        refused = Refused,
    };
}

/// <summary>
/// Re-drives delivered postings through a running node's sinks (<see cref="RepostPostings"/>): each
/// goes through the connector again, which finds by external id what Odoo holds and makes only what
/// is gone (a record deleted in Odoo). Nothing is posted twice; the report says what was there.
/// </summary>
public static class PostingRepost
{
    /// <summary>The longest a repost waits for the sinks to confirm, whoever asks for longer.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    public static TimeSpan Bounded(TimeSpan within) => within < MaxWait ? within : MaxWait;

    public static async Task<RepostReport> RunAsync(ActorSyncNode node, RepostScope scope, string by, TimeSpan within, Action<SinksSummary>? progress, CancellationToken ct)
    {
        var region = node.Sinks ?? throw new InvalidOperationException("posting sinks are not running on this node");
        var before = await PostingLedgerReader.ReadAsync(node.System, node.Network, ct);
        var refused = new List<string>();
        var reposted = new List<LedgerEntry>();
        foreach (var sink in before.Entries.Where(scope.Covers).GroupBy(e => e.Sink))
        {
            var reply = await region.Ask<SinkCommandReply>(new RepostPostings(sink.Key, [.. sink.Select(e => e.Posting.Key)], by), node.AskTimeout, ct);
            if (reply.Done)
                reposted.AddRange(sink);
            if (!reply.Done || reply.Affected < sink.Count())
                refused.Add($"{sink.Key}: {reply.Message}");
        }
        // Idle is a moment of the sinks' own view; the answer is the ledger: wait until every reposted
        // posting is confirmed again (or the time is up).
        var deadline = DateTime.UtcNow + within;
        SinksSummary sinks;
        PostingLedger after;
        do
        {
            sinks = await SinkProgress.WaitUntilIdleAsync(node, deadline - DateTime.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero, progress, ct);
            after = await PostingLedgerReader.ReadAsync(node.System, node.Network, ct);
        }
        while (reposted.Any(e => after.Find(e.Posting.Key) is not { Status: PostingStatus.Delivered } a || a.Reposts <= before.Find(e.Posting.Key)!.Reposts)
               && DateTime.UtcNow < deadline && await Task.Delay(250, ct).ContinueWith(_ => true, TaskScheduler.Default));
        // A posting the sink did not take (already waiting in its outbox, …) still stands as before: not counted.
        var taken = reposted.Select(e => after.Find(e.Posting.Key)!).Where(e => e.Reposts > before.Find(e.Posting.Key)!.Reposts).ToList();
        var byKind = taken.GroupBy(e => PostingKinds.Of(e.Posting)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RepostedKind(g.Key, g.Count(),
                g.Count(e => e is { Status: PostingStatus.Delivered, AlreadyInOdoo: true }),
                g.Count(e => e is { Status: PostingStatus.Delivered, AlreadyInOdoo: false }),
                g.Count(e => e.Status != PostingStatus.Delivered)))
            .ToList();
        return new RepostReport(byKind, refused, sinks);
    }
}
