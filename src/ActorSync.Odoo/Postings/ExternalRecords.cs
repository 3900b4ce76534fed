using System.Collections.Concurrent;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Errors;
using ActorSync.Odoo.Lookup;

namespace ActorSync.Odoo.Postings;

/// <summary>
/// The Odoo ids of postings made earlier (a payment's invoice, an invoice's partner), from this
/// process's memory or from their external ids. Bounded: forgotten entries are looked up again.
/// </summary>
public sealed class ExternalRecords(OdooClient odoo, int capacity = 100_000)
{
    private readonly ConcurrentDictionary<PostingKey, long> _known = new();

    public void Remember(PostingKey key, long id)
    {
        if (_known.Count >= capacity)
            _known.Clear();
        _known[key] = id;
    }

    public bool Knows(PostingKey key) => _known.ContainsKey(key);

    /// <summary>The record of an earlier posting; a permanent failure when it was never posted (a dependency not met).</summary>
    public async Task<long> RequireAsync(PostingKey key, string model, OdooCompany company, CancellationToken ct)
    {
        if (_known.TryGetValue(key, out var known))
            return known;
        var rows = await odoo.SearchReadAsync("ir.model.data",
            OdooDomain.Where(("module", "=", ExternalIds.Module), ("name", "=", ExternalIds.NameOf(key)), ("model", "=", model)),
            ["res_id"], company.Id, ct, limit: 1).ConfigureAwait(false);
        if (rows.Count == 0)
            throw new OdooException(Domain.Sinks.SinkOutbox.DependencyMissing, $"The {model} of posting {key} is not in Odoo yet; it must be posted first.", null, OdooErrorClass.Permanent);
        var id = rows[0]["res_id"]!.GetValue<long>();
        Remember(key, id);
        return id;
    }
}
