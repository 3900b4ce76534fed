using ActorSync.Domain.Postings;

namespace ActorSync.Odoo.Postings.Kinds;

/// <summary>
/// Posts the moves that are still drafts, in one call. Records found from an earlier attempt have
/// their state read first (posting a posted move is a UserError in Odoo); records made by this
/// call are drafts for certain, so that read is saved on the common path.
/// </summary>
internal static class MoveStates
{
    public static async Task PostDraftsAsync<T>(string model, IReadOnlyList<PostedRecord<T>> records, PostingScope scope, CancellationToken ct)
        where T : Posting
    {
        var earlier = records.Where(r => !r.Created).Select(r => r.Id).ToList();
        var drafts = records.Where(r => r.Created).Select(r => r.Id).ToList();
        if (earlier.Count > 0)
            drafts.AddRange(await DraftsAsync(model, earlier, scope, ct).ConfigureAwait(false));
        if (drafts.Count > 0)
            await scope.Odoo.ActAsync(model, "action_post", drafts, scope.Company.Id, ct).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<long>> DraftsAsync(string model, IEnumerable<long> ids, PostingScope scope, CancellationToken ct) =>
        [.. (await StatesAsync(model, ids, scope, ct).ConfigureAwait(false)).Where(s => s.Value == "draft").Select(s => s.Key)];

    public static async Task<IReadOnlyDictionary<long, string>> StatesAsync(string model, IEnumerable<long> ids, PostingScope scope, CancellationToken ct)
    {
        var rows = await scope.Odoo.SearchReadAsync(model, OdooDomain.Where(("id", "in", OdooDomain.Ids(ids))), ["state"], scope.Company.Id, ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r["id"]!.GetValue<long>(), r => r["state"]!.GetValue<string>());
    }
}
