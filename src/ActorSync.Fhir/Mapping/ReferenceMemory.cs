using System.Collections.Concurrent;
using ActorSync.Domain.Invoices;

namespace ActorSync.Fhir.Mapping;

/// <summary>
/// References that outlive one bundle: the invoice each claim (or FHIR Invoice) drafted, by its
/// literal reference (<c>Claim/123</c>), so that an ExplanationOfBenefit or payment arriving later
/// (or in another file or request) finds it. Shared by the
/// concurrent requests of a source and bounded: past the capacity the oldest claims are forgotten,
/// and an EOB of a forgotten claim is parked with its reason, never dropped.
/// </summary>
public sealed class ReferenceMemory(int capacity = 200_000)
{
    private readonly ConcurrentDictionary<string, InvoiceKey> _invoiceByReference = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Remember(string reference, InvoiceKey invoice)
    {
        if (_invoiceByReference.TryAdd(reference, invoice))
            _order.Enqueue(reference);
        else
            _invoiceByReference[reference] = invoice;
        while (_invoiceByReference.Count > capacity && _order.TryDequeue(out var oldest))
            _invoiceByReference.TryRemove(oldest, out _);
    }

    public InvoiceKey? InvoiceOf(string reference) => _invoiceByReference.TryGetValue(reference, out var key) ? key : null;
}
