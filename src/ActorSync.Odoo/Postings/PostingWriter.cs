using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Lookup;
using ActorSync.Odoo.Postings.Kinds;

namespace ActorSync.Odoo.Postings;

/// <summary>
/// Writes postings into Odoo, each in its legal entity's company, exactly once. Within a legal
/// entity, dependencies go first (master data and the partners postings name, then invoices,
/// journal entries, payments, stock and RFQs), in batches of multi-record calls.
/// Transient failures are thrown (retry the same postings later: nothing is made twice);
/// permanent ones come back as <see cref="PostingOutcome.Failed"/> results with Odoo's message.
/// </summary>
public sealed class PostingWriter(OdooClient odoo, Func<LegalEntityId, OdooTarget> targets, MasterDataLocks? locks = null)
{
    private readonly MasterDataLocks _locks = locks ?? new MasterDataLocks();
    private readonly OdooDirectory _directory = new(odoo);
    private readonly ExternalRecords _records = new(odoo);
    private readonly UncertainWrites _uncertain = new(odoo.Settings.RequestTimeLimit);
    private readonly PartnerKind _partners = new();
    private readonly PartnerKind _namedPartners = new(updateExisting: false);
    private readonly AnalyticAccountKind _analytics = new();
    private readonly ProductKind _products = new();
    private readonly InvoiceKind _invoices = new();
    private readonly JournalEntryKind _entries = new();
    private readonly PaymentKind _payments = new();
    private readonly StockConsumptionKind _consumptions = new();
    private readonly ReplenishmentKind _replenishments = new();

    public OdooDirectory Directory => _directory;

    public Task<IReadOnlyList<PostingResult>> WriteAsync(IReadOnlyList<Posting> postings, CancellationToken ct = default) =>
        WriteAsync(postings, PostingScope.NoFirstAttempts, ct);

    /// <summary>
    /// <paramref name="firstAttempts"/>: postings the caller has never handed to a writer before (a
    /// sink knows this of what it queued since it started); they are created without looking for an
    /// earlier attempt's record. Master data is shared by the sinks of a legal entity and is always looked up.
    /// </summary>
    public async Task<IReadOnlyList<PostingResult>> WriteAsync(IReadOnlyList<Posting> postings, IReadOnlySet<PostingKey> firstAttempts, CancellationToken ct = default)
    {
        var results = new Dictionary<PostingKey, PostingResult>();
        // A posting delivered twice in one batch is written once; both get its result.
        foreach (var legalEntity in postings.DistinctBy(p => p.Key).GroupBy(p => p.LegalEntity))
        {
            var target = targets(legalEntity.Key);
            var company = await _directory.CompanyAsync(target.Company, ct).ConfigureAwait(false);
            var shared = new PostingScope(odoo, _directory, _records, company, target, _uncertain);
            var scope = shared with { FirstAttempts = firstAttempts };
            var batch = legalEntity.ToList();
            // Master data is shared by the sinks of a legal entity: one writer at a time makes it.
            using (await _locks.EnterAsync(company.Id, ct).ConfigureAwait(false))
            {
                await EnsurePartnersAsync(batch, shared, ct).ConfigureAwait(false);
                await WriteKindAsync(_partners, batch, shared, results, ct).ConfigureAwait(false);
                await WriteKindAsync(_analytics, batch, shared, results, ct).ConfigureAwait(false);
                await WriteKindAsync(_products, batch, shared, results, ct).ConfigureAwait(false);
            }
            await WriteKindAsync(_invoices, batch, scope, results, ct).ConfigureAwait(false);
            await WriteKindAsync(_entries, batch, scope, results, ct).ConfigureAwait(false);
            await WriteKindAsync(_payments, batch, scope, results, ct).ConfigureAwait(false);
            await WriteKindAsync(_consumptions, batch, scope, results, ct).ConfigureAwait(false);
            await WriteKindAsync(_replenishments, batch, scope, results, ct).ConfigureAwait(false);
        }
        return [.. postings.Select(p => results[p.Key])];
    }

    /// <summary>
    /// The partners that invoices, payments and entries name are made first when missing (their
    /// results are not reported; an existing partner is left as finance keeps it); partners this
    /// writer already posted or found are not looked up again.
    /// </summary>
    private async Task EnsurePartnersAsync(List<Posting> batch, PostingScope scope, CancellationToken ct)
    {
        var explicitPartners = batch.OfType<PartnerUpsert>().Select(p => p.Key).ToHashSet();
        var named = batch.SelectMany(PartnersOf)
            .Where(p => !explicitPartners.Contains(p.Key) && !_records.Knows(p.Key))
            .DistinctBy(p => p.Key)
            .Select(p => (Posting)new PartnerUpsert(p.Key, batch[0].LegalEntity, p.Name))
            .ToList();
        // A partner Odoo refuses shows up as the dependency failure of the postings that name it.
        await WriteKindAsync(_namedPartners, named, scope, results: [], ct).ConfigureAwait(false);
    }

    private static IEnumerable<PartnerRef> PartnersOf(Posting posting) => posting switch
    {
        CustomerInvoicePosting invoice => [invoice.Partner],
        PaymentPosting payment => [payment.Partner],
        JournalEntryPosting entry => entry.Lines.Select(l => l.Partner).OfType<PartnerRef>(),
        _ => [],
    };

    private async Task WriteKindAsync<T>(PostingKind<T> kind, List<Posting> batch, PostingScope scope, Dictionary<PostingKey, PostingResult> results, CancellationToken ct)
        where T : Posting
    {
        foreach (var chunk in batch.OfType<T>().Chunk(Math.Max(1, odoo.Settings.BatchSize)))
        {
            IReadOnlyList<PostingResult> chunkResults;
            try
            {
                chunkResults = await IdempotentPoster.PostAsync(kind, chunk, scope, ct).ConfigureAwait(false);
            }
            catch (Errors.OdooException e) when (e.MayHaveCommitted)
            {
                _uncertain.Mark(chunk.Select(p => p.Key));
                throw;
            }
            foreach (var result in chunkResults)
            {
                results[result.Key] = result;
                if (result.OdooId is { } id)
                    _records.Remember(result.Key, id);
            }
            // Master data written now replaces what the directory found before: it may have been made
            // again after it was deleted in Odoo, here or by another node's writer (then found here).
            foreach (var written in kind is UpsertKind<T> ? chunk.Where(p => chunkResults.Any(r => r.Key == p.Key && r.Succeeded)) : [])
                _directory.Forget(kind.Model, kind.MarkerOf(written));
        }
    }
}
