using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Errors;

namespace ActorSync.Odoo.Postings;

/// <summary>
/// Posts a batch of one kind exactly once, whatever happened before:
/// 1. external ids (<c>actorsync.&lt;key&gt;</c>) that exist name the records made earlier (skipped
///    for postings the caller knows are sent for the first time);
/// 2. records that carry the key in their marker field but have no external id (Odoo committed,
///    the answer or the next call was lost) are adopted and given their external id;
/// 3. the rest are created in one multi-record call, then registered as external ids;
/// 4. every record is brought to its final state (posted, validated), idempotently by state.
/// Permanent refusals are isolated to the posting that caused them (a refused batch is halved until
/// they stand alone); transient failures are thrown so the caller retries the batch, which is then safe.
/// </summary>
public static class IdempotentPoster
{
    public static async Task<IReadOnlyList<PostingResult>> PostAsync<T>(PostingKind<T> kind, IReadOnlyList<T> postings, PostingScope scope, CancellationToken ct)
        where T : Posting
    {
        var failed = new Dictionary<PostingKey, OdooException>();
        var existing = await ExistingAsync(kind, postings, scope, failed, ct).ConfigureAwait(false);
        var toCreate = postings.Where(p => !existing.ContainsKey(p.Key) && !failed.ContainsKey(p.Key)).ToList();
        scope.Uncertain.ThrowIfSettling(toCreate.Select(p => p.Key));
        var created = await CreateAsync(kind, toCreate, scope, failed, ct).ConfigureAwait(false);
        // Another attempt registered some keys first: its records win, if they are in this company.
        var winners = new Dictionary<PostingKey, long>(await RegisterAsync(kind.Model, created, scope, ct, madeHere: true).ConfigureAwait(false));
        foreach (var key in winners.Keys)
            created.Remove(key);
        await CheckCompanyAsync(kind.Model, winners, scope, failed, ct).ConfigureAwait(false);
        foreach (var (key, winner) in winners)
            existing[key] = winner;

        var records = postings
            .Where(p => !failed.ContainsKey(p.Key))
            .Select(p => created.TryGetValue(p.Key, out var id) ? new PostedRecord<T>(p, id, true) : new PostedRecord<T>(p, existing[p.Key], false))
            .ToList();
        await FinishIsolatingFailuresAsync(kind, records, scope, failed, ct).ConfigureAwait(false);

        return [.. postings.Select(p => failed.TryGetValue(p.Key, out var error)
            ? new PostingResult(p.Key, PostingOutcome.Failed, kind.Model, null, error)
            : created.TryGetValue(p.Key, out var id)
                ? new PostingResult(p.Key, PostingOutcome.Created, kind.Model, id)
                : new PostingResult(p.Key, PostingOutcome.AlreadyInOdoo, kind.Model, existing[p.Key]))];
    }

    /// <summary>Steps 1 and 2: records made by an earlier attempt, by external id or by marker.</summary>
    private static async Task<Dictionary<PostingKey, long>> ExistingAsync<T>(PostingKind<T> kind, IReadOnlyList<T> postings, PostingScope scope, Dictionary<PostingKey, OdooException> failed, CancellationToken ct)
        where T : Posting
    {
        var existing = new Dictionary<PostingKey, long>();
        var sentBefore = postings.Where(p => !scope.FirstAttempts.Contains(p.Key)).ToList();
        if (sentBefore.Count == 0)
            return existing;
        foreach (var (key, (id, model)) in await RegisteredAsync(sentBefore.Select(p => p.Key), scope, ct).ConfigureAwait(false))
        {
            if (model == kind.Model)
                existing[key] = id;
            else
                failed[key] = Refused($"The external id {ExternalIds.FullNameOf(key)} already names a {model} record, not a {kind.Model}.");
        }
        await CheckCompanyAsync(kind.Model, existing, scope, failed, ct).ConfigureAwait(false);

        var unregistered = sentBefore.Where(p => !existing.ContainsKey(p.Key) && !failed.ContainsKey(p.Key)).ToList();
        if (unregistered.Count == 0)
            return existing;
        var byMarker = unregistered.GroupBy(kind.MarkerOf).ToDictionary(g => g.Key, g => g.ToList());
        var marked = await scope.Odoo.SearchReadAsync(kind.Model,
            OdooDomain.Where((kind.MarkerField, "in", OdooDomain.Strings(byMarker.Keys))),
            [kind.MarkerField], scope.Company.Id, ct).ConfigureAwait(false);
        var adopted = new Dictionary<PostingKey, long>();
        foreach (var row in marked.OrderBy(r => r["id"]!.GetValue<long>()))
        {
            if (row[kind.MarkerField] is JsonValue marker && byMarker.TryGetValue(marker.GetValue<string>(), out var owners))
            {
                foreach (var owner in owners)
                    adopted.TryAdd(owner.Key, row["id"]!.GetValue<long>());
            }
        }
        await RegisterAsync(kind.Model, adopted, scope, ct).ConfigureAwait(false);
        foreach (var (key, id) in adopted)
            existing[key] = id;
        return existing;
    }

    /// <summary>An external id whose record is not visible in this company must not be used: it belongs to another one.</summary>
    private static async Task CheckCompanyAsync(string model, Dictionary<PostingKey, long> existing, PostingScope scope, Dictionary<PostingKey, OdooException> failed, CancellationToken ct)
    {
        if (existing.Count == 0)
            return;
        var visible = (await scope.Odoo.SearchReadAsync(model, OdooDomain.Where(("id", "in", OdooDomain.Ids(existing.Values))), ["id"], scope.Company.Id, ct).ConfigureAwait(false))
            .Select(r => r["id"]!.GetValue<long>()).ToHashSet();
        foreach (var (key, id) in existing.Where(e => !visible.Contains(e.Value)).ToList())
        {
            existing.Remove(key);
            failed[key] = Refused($"The external id {ExternalIds.FullNameOf(key)} names {model} {id}, which is deleted or belongs to another company than '{scope.Company.Name}'.");
        }
    }

    /// <summary>Step 3: look everything up per posting first, then create — in one atomic call, or one by one.</summary>
    private static async Task<Dictionary<PostingKey, long>> CreateAsync<T>(PostingKind<T> kind, List<T> postings, PostingScope scope, Dictionary<PostingKey, OdooException> failed, CancellationToken ct)
        where T : Posting
    {
        var prepared = new List<Prepared<T>>(postings.Count);
        foreach (var posting in postings)
        {
            try
            {
                prepared.Add(await kind.PrepareAsync(posting, scope, ct).ConfigureAwait(false));
            }
            catch (OdooException e) when (!e.IsTransient)
            {
                failed[posting.Key] = e;
            }
        }
        if (kind.CreatesAtomically)
            return await CreateIsolatingFailuresAsync(kind, prepared, scope, failed, ct).ConfigureAwait(false);
        var created = new Dictionary<PostingKey, long>();
        foreach (var one in prepared)
        {
            try
            {
                created[one.Posting.Key] = (await kind.CreateAsync([one], scope, ct).ConfigureAwait(false))[0];
            }
            catch (OdooException e) when (!e.IsTransient)
            {
                failed[one.Posting.Key] = e;
            }
            catch (OdooException)
            {
                // What was made so far keeps its external id; the rest is retried with the batch.
                await RegisterAsync(kind.Model, created, scope, ct).ConfigureAwait(false);
                throw;
            }
        }
        return created;
    }

    private static async Task<Dictionary<PostingKey, long>> CreateIsolatingFailuresAsync<T>(PostingKind<T> kind, List<Prepared<T>> prepared, PostingScope scope, Dictionary<PostingKey, OdooException> failed, CancellationToken ct)
        where T : Posting
    {
        var created = new Dictionary<PostingKey, long>();
        if (prepared.Count == 0)
            return created;
        try
        {
            var ids = await kind.CreateAsync(prepared, scope, ct).ConfigureAwait(false);
            for (var i = 0; i < prepared.Count; i++)
                created[prepared[i].Posting.Key] = ids[i];
            return created;
        }
        catch (OdooException e) when (!e.IsTransient && prepared.Count == 1)
        {
            failed[prepared[0].Posting.Key] = e;
            return created;
        }
        catch (OdooException e) when (!e.IsTransient)
        {
            // Odoo's multi-record create is atomic: nothing was made. Halve the batch until the
            // posting(s) at fault stand alone: a few calls for one bad posting among a hundred.
            foreach (var half in Halves(prepared))
            {
                foreach (var (key, id) in await CreateIsolatingFailuresAsync(kind, half, scope, failed, ct).ConfigureAwait(false))
                    created[key] = id;
            }
            return created;
        }
    }

    private static IEnumerable<List<T>> Halves<T>(List<T> items) => [items[..(items.Count / 2)], items[(items.Count / 2)..]];

    private static async Task FinishIsolatingFailuresAsync<T>(PostingKind<T> kind, List<PostedRecord<T>> records, PostingScope scope, Dictionary<PostingKey, OdooException> failed, CancellationToken ct)
        where T : Posting
    {
        if (records.Count == 0)
            return;
        try
        {
            await kind.FinishAsync(records, scope, ct).ConfigureAwait(false);
        }
        catch (OdooException e) when (!e.IsTransient && records.Count > 1)
        {
            foreach (var half in Halves(records))
                await FinishIsolatingFailuresAsync(kind, half, scope, failed, ct).ConfigureAwait(false);
        }
        catch (OdooException e) when (!e.IsTransient)
        {
            failed[records[0].Posting.Key] = e;
        }
    }

    /// <summary>
    /// Gives records their external ids in one call. When another writer registered a key first,
    /// its record wins: a record this call made for that key is a duplicate and is deleted (a posted
    /// move cannot be, and fails the write loudly instead); records adopted by marker are never
    /// deleted. Returns the winners' ids by key.
    /// </summary>
    private static async Task<IReadOnlyDictionary<PostingKey, long>> RegisterAsync(string model, IReadOnlyDictionary<PostingKey, long> records, PostingScope scope, CancellationToken ct, bool madeHere = false)
    {
        if (records.Count == 0)
            return new Dictionary<PostingKey, long>();
        var values = records.Select(r => new JsonObject
        {
            ["module"] = ExternalIds.Module,
            ["name"] = ExternalIds.NameOf(r.Key),
            ["model"] = model,
            ["res_id"] = r.Value,
            ["noupdate"] = true,
        }).ToList();
        try
        {
            await scope.Odoo.CreateAsync("ir.model.data", values, scope.Company.Id, ct).ConfigureAwait(false);
            return new Dictionary<PostingKey, long>();
        }
        catch (OdooException e) when (!e.IsTransient)
        {
            var registered = await RegisteredAsync(records.Keys, scope, ct).ConfigureAwait(false);
            if (!records.Keys.Any(registered.ContainsKey))
                throw;
            var winners = records.Where(r => registered.TryGetValue(r.Key, out var other) && other.Id != r.Value).ToDictionary(r => r.Key, r => registered[r.Key].Id);
            if (winners.Count > 0 && madeHere)
                await scope.Odoo.CallAsync(new Wire.OdooCall(model, "unlink") { Ids = [.. winners.Keys.Select(k => records[k])], Context = OdooOrm.CompanyContext(scope.Company.Id) }, ct).ConfigureAwait(false);
            var rest = records.Where(r => !registered.ContainsKey(r.Key)).ToDictionary();
            foreach (var (key, id) in await RegisterAsync(model, rest, scope, ct, madeHere).ConfigureAwait(false))
                winners[key] = id;
            return winners;
        }
    }

    /// <summary>The records the keys' external ids name now (id and model), in one search.</summary>
    private static async Task<Dictionary<PostingKey, (long Id, string Model)>> RegisteredAsync(IEnumerable<PostingKey> keys, PostingScope scope, CancellationToken ct)
    {
        var byName = keys.ToDictionary(ExternalIds.NameOf);
        var rows = await scope.Odoo.SearchReadAsync("ir.model.data",
            OdooDomain.Where(("module", "=", ExternalIds.Module), ("name", "in", OdooDomain.Strings(byName.Keys))),
            ["name", "model", "res_id"], scope.Company.Id, ct).ConfigureAwait(false);
        return rows.ToDictionary(r => byName[r["name"]!.GetValue<string>()], r => (r["res_id"]!.GetValue<long>(), r["model"]!.GetValue<string>()));
    }

    public static OdooException Refused(string message) => new("actorsync.posting-refused", message, null, OdooErrorClass.Permanent);
}
