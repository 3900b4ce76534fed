using System.Collections.Concurrent;
using ActorSync.Domain.MasterData;

namespace ActorSync.Fhir.MasterData;

/// <summary>
/// The master data one source has sent (organizations, locations, practitioners), by literal
/// reference (<c>Organization/123</c>) and by identifier, so that references the configuration
/// does not name directly can still be followed to a configured site or department. Filled as
/// resources arrive and, at start, from the journal. Safe for concurrent requests.
/// </summary>
public sealed class MasterDataRegistry
{
    private readonly ConcurrentDictionary<string, MasterDataRecord> _byReference = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _referenceByIdentifier = new(StringComparer.Ordinal);

    public void Remember(string reference, MasterDataRecord record)
    {
        _byReference[reference] = record;
        var type = reference.Split('/')[0];
        foreach (var identifier in record.Identifiers)
            _referenceByIdentifier[$"{type}?identifier={identifier}"] = reference;
    }

    /// <summary>
    /// Everything a reference is known as: itself, the literal reference of the resource it names
    /// (for a conditional one), and every identifier of that resource as a conditional reference.
    /// </summary>
    public IEnumerable<string> Aliases(string reference)
    {
        yield return reference;
        var literal = Literal(reference);
        if (!_byReference.TryGetValue(literal, out var record))
            yield break;
        if (literal != reference)
            yield return literal;
        var type = literal.Split('/')[0];
        foreach (var identifier in record.Identifiers)
            yield return $"{type}?identifier={identifier}";
    }

    /// <summary>The links of the resource a reference names (a location's managing organization, ...).</summary>
    public IReadOnlyList<string> LinksOf(string reference) =>
        _byReference.TryGetValue(Literal(reference), out var record) ? record.Links : [];

    /// <summary>The literal reference a conditional one names (by any identifier received), else the reference itself.</summary>
    private string Literal(string reference)
    {
        var unescaped = reference.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(reference) : reference;
        return _referenceByIdentifier.TryGetValue(unescaped, out var literal) ? literal : reference;
    }
}
