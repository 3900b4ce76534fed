using System.Collections.Concurrent;
using ActorSync.Domain.Invoices;

namespace ActorSync.Fhir.Mapping;

/// <summary>
/// References that outlive one bundle: the invoice each claim drafted, so that an
/// ExplanationOfBenefit arriving later (or in another file or request) finds it. Shared by the
/// concurrent requests of a source and bounded: past the capacity the oldest claims are forgotten,
/// and an EOB of a forgotten claim is parked with its reason, never dropped.
/// </summary>
public sealed class ReferenceMemory(int capacity = 200_000)
{
    private readonly ConcurrentDictionary<string, InvoiceKey> _invoiceByClaim = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void RememberClaim(string claimId, InvoiceKey invoice)
    {
        if (_invoiceByClaim.TryAdd(claimId, invoice))
            _order.Enqueue(claimId);
        else
            _invoiceByClaim[claimId] = invoice;
        while (_invoiceByClaim.Count > capacity && _order.TryDequeue(out var oldest))
            _invoiceByClaim.TryRemove(oldest, out _);
    }

    public InvoiceKey? InvoiceOfClaim(string claimId) => _invoiceByClaim.TryGetValue(claimId, out var key) ? key : null;
}
