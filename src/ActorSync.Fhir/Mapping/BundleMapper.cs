using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Fhir.Parsing;
using Hl7.Fhir.Model;
using FhirEncounter = Hl7.Fhir.Model.Encounter;

namespace ActorSync.Fhir.Mapping;

public enum EntryKind
{
    /// <summary>A resource type ActorSync does not use: acknowledged and counted, not parsed.</summary>
    Ignored,
    /// <summary>Not valid FHIR R4 (or not a resource): the issues say what and where.</summary>
    Rejected,
    /// <summary>Valid, but not mappable yet: goes to the exception queue with the reason.</summary>
    Parked,
    /// <summary>Mapped to commands (none for a delivery still in progress).</summary>
    Mapped,
}

/// <summary>What became of one resource.</summary>
public sealed record EntryResult(int Index, string? ResourceType, string? Id, EntryKind Kind, IReadOnlyList<ICommand> Commands, string? Reason, IReadOnlyList<ParseIssue> Issues);

/// <summary>
/// Turns the entries of a bundle (or the lines of an NDJSON file) into commands, in order:
/// header first (unused types are never parsed), strict parse, then the mapper of the type.
/// <c>urn:uuid:</c> references resolve to the entries of the same bundle.
/// </summary>
public sealed class BundleMapper(ISiteDirectory sites, IItemCatalog items, Pseudonymizer pseudonyms, FhirResourceParser parser, ReferenceMemory memory)
{
    private readonly EncounterMapper _encounters = new(sites, pseudonyms);
    private readonly ClaimMapper _claims = new(sites);
    private readonly ExplanationOfBenefitMapper _eobs = new();
    private readonly SupplyDeliveryMapper _deliveries = new(sites, items);

    public IReadOnlyList<EntryResult> Map(IReadOnlyList<BundleEntry> entries, SourceContext context, SiteResolution? sourceSite)
    {
        // fullUrl → the referenced resource's id, for urn:uuid references inside the bundle.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
            if (entry is { FullUrl: { } url, Resource: { } bytes } && ResourceHeader.TryRead(bytes, out var h, out _) && h.Id is not null)
                ids[url] = h.Id;
        return [.. entries.Select(e => MapEntry(e, context, sourceSite, ids))];
    }

    private EntryResult MapEntry(BundleEntry entry, SourceContext context, SiteResolution? sourceSite, Dictionary<string, string> ids)
    {
        if (entry.Resource is null)
            return new EntryResult(entry.Index, null, null, EntryKind.Rejected, [], "the entry has no resource", []);
        if (!ResourceHeader.TryRead(entry.Resource, out var header, out var problem))
            return new EntryResult(entry.Index, null, null, EntryKind.Rejected, [], problem, []);
        if (!ModelInfo.IsKnownResource(header.ResourceType))
            return new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Rejected, [], $"'{header.ResourceType}' is not a FHIR R4 resource type", []);
        if (!ResourceKinds.IsUsed(header.ResourceType))
            return new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Ignored, [], null, []);

        var parsed = parser.Parse(entry.Resource);
        if (!parsed.Succeeded)
            return new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Rejected, [], "the resource is not valid FHIR R4", parsed.Issues);

        var stamp = SourceStamps.For(context, header, entry.Resource);
        string? IdOf(string reference) => ids.TryGetValue(reference, out var id) ? id : LiteralId(reference);
        var result = parsed.Resource switch
        {
            FhirEncounter e => _encounters.Map(e, stamp),
            Claim c => _claims.Map(c, stamp, IdOf),
            ExplanationOfBenefit b => _eobs.Map(b, stamp, r => IdOf(r) is { } claimId ? memory.InvoiceOfClaim(claimId) : null),
            SupplyDelivery d => _deliveries.Map(d, stamp, sourceSite),
            _ => null,
        };
        // Master data (organizations, locations, practitioners, patients) is parsed and valid, but
        // no registry keeps it yet: counted as ignored, not as accepted.
        if (result is null)
            return new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Ignored, [], "master data is not kept yet", []);
        return result switch
        {
            MappingResult.Mapped m => Remember(entry, header, m),
            MappingResult.Parked p => new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Parked, [], p.Reason, []),
            _ => throw new InvalidOperationException($"unknown mapping result {result.GetType().Name}"),
        };
    }

    private EntryResult Remember(BundleEntry entry, ResourceHeader header, MappingResult.Mapped mapped)
    {
        if (header.ResourceType == "Claim" && header.Id is not null && mapped.Commands.FirstOrDefault() is DraftInvoice draft)
            memory.RememberClaim(header.Id, draft.Key);
        return new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Mapped, mapped.Commands, null, []);
    }

    /// <summary><c>Type/id</c> (or a full URL ending so) → id.</summary>
    private static string? LiteralId(string reference)
    {
        var parts = reference.Split('/');
        return parts.Length >= 2 && !reference.Contains('?', StringComparison.Ordinal) && !reference.StartsWith("urn:", StringComparison.Ordinal) ? parts[^1] : null;
    }
}
