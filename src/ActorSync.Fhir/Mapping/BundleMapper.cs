using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Fhir.MasterData;
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
/// <param name="WaitingFor">For an entry parked because the claim or invoice it names is not known yet: that resource (<c>Claim/123</c>).</param>
public sealed record EntryResult(int Index, string? ResourceType, string? Id, EntryKind Kind, IReadOnlyList<ICommand> Commands, string? Reason, IReadOnlyList<ParseIssue> Issues, string? WaitingFor = null);

/// <summary>
/// Turns the entries of a bundle (or the lines of an NDJSON file) into commands, in order:
/// header first (unused types are never parsed), strict parse, then the mapper of the type.
/// <c>urn:uuid:</c> references resolve to the entries of the same bundle; organization and
/// location references also through the source's master data (<see cref="RegistryDirectory"/>).
/// </summary>
public sealed class BundleMapper(ISiteDirectory sites, IItemCatalog items, Pseudonymizer pseudonyms, FhirResourceParser parser, ReferenceMemory memory, MasterDataRegistry? registry = null)
{
    private readonly ExplanationOfBenefitMapper _eobs = new();
    private readonly PaymentMapper _payments = new();
    private readonly MasterDataRegistry _registry = registry ?? new MasterDataRegistry();

    public IReadOnlyList<EntryResult> Map(IReadOnlyList<BundleEntry> entries, SourceContext context, SiteResolution? sourceSite)
    {
        // Each entry's header, read once: for the urn:uuid references inside the bundle (fullUrl →
        // Type/id) and then for mapping the entry.
        var headers = new (ResourceHeader? Header, string? Problem)[entries.Count];
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Resource is not { } bytes)
                continue;
            headers[i] = ResourceHeader.TryRead(bytes, out var header, out var problem) ? (header, null) : (null, problem);
            if (entries[i].FullUrl is { } url && headers[i].Header is { Id: { } id } h)
                references[url] = $"{h.ResourceType}/{id}";
        }
        string Literal(string reference) => references.TryGetValue(reference, out var literal) ? literal : reference;
        var directory = new RegistryDirectory(sites, _registry, Literal);
        var mappers = new Mappers(new EncounterMapper(directory, pseudonyms), new ClaimMapper(directory), new ChargeItemMapper(directory), new InvoiceMapper(directory),
            new SupplyDeliveryMapper(directory, items), new MasterDataMapper(_registry), Literal);
        return [.. entries.Select((e, i) => MapEntry(e, headers[i], context, sourceSite, mappers))];
    }

    /// <summary>The mappers of one bundle: they resolve through that bundle's references.</summary>
    private sealed record Mappers(EncounterMapper Encounters, ClaimMapper Claims, ChargeItemMapper ChargeItems, InvoiceMapper Invoices,
        SupplyDeliveryMapper Deliveries, MasterDataMapper MasterData, Func<string, string> Literal)
    {
        /// <summary>The id a reference names: <c>Type/id</c>, a full URL ending so, or an entry of the bundle.</summary>
        public string? IdOf(string reference) => TypedId(reference)?.Split('/')[1];

        /// <summary><c>Type/id</c> of a reference (a full URL ending so, a version of one, or an entry of the bundle); null for conditional ones.</summary>
        public string? TypedId(string reference)
        {
            var literal = Literal(reference);
            if (literal.IndexOf("/_history/", StringComparison.Ordinal) is var history and > 0)
                literal = literal[..history];
            var parts = literal.Split('/');
            return parts.Length >= 2 && !literal.Contains('?', StringComparison.Ordinal) && !literal.StartsWith("urn:", StringComparison.Ordinal)
                ? $"{parts[^2]}/{parts[^1]}"
                : null;
        }
    }

    private EntryResult MapEntry(BundleEntry entry, (ResourceHeader? Header, string? Problem) read, SourceContext context, SiteResolution? sourceSite, Mappers mappers)
    {
        if (entry.Resource is null)
            return entry.RequestMethod == "DELETE" ? Deleted(entry) : new EntryResult(entry.Index, null, null, EntryKind.Rejected, [], entry.Problem ?? "the entry has no resource", []);
        if (read.Header is not { } header)
            return new EntryResult(entry.Index, null, null, EntryKind.Rejected, [], read.Problem, []);
        if (!ModelInfo.IsKnownResource(header.ResourceType))
            return new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Rejected, [], $"'{header.ResourceType}' is not a FHIR R4 resource type", []);
        if (!ResourceKinds.IsUsed(header.ResourceType))
            return new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Ignored, [], null, []);

        var parsed = parser.Parse(entry.Resource);
        if (!parsed.Succeeded)
            return new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Rejected, [], "the resource is not valid FHIR R4", parsed.Issues);

        var stamp = SourceStamps.For(context, header, entry.Resource);
        string? missing = null;
        InvoiceKey? InvoiceOf(string reference)
        {
            var typed = mappers.TypedId(reference);
            var invoice = typed is null ? null : memory.InvoiceOf(typed);
            missing = invoice is null ? typed : null;
            return invoice;
        }
        var result = parsed.Resource switch
        {
            FhirEncounter e => mappers.Encounters.Map(e, stamp, mappers.TypedId),
            Claim c => mappers.Claims.Map(c, stamp, mappers.IdOf),
            ChargeItem c => mappers.ChargeItems.Map(c, stamp, mappers.IdOf),
            Invoice i => mappers.Invoices.Map(i, stamp),
            ExplanationOfBenefit b => _eobs.Map(b, stamp, InvoiceOf),
            PaymentNotice n => _payments.Map(n, stamp, InvoiceOf),
            PaymentReconciliation r => _payments.Map(r, stamp, InvoiceOf),
            SupplyDelivery d => mappers.Deliveries.Map(d, stamp, sourceSite),
            _ => mappers.MasterData.Map(parsed.Resource!, stamp, mappers.Literal),
        };
        if (result is null)
            throw new InvalidOperationException($"{header.ResourceType} is a used type without a mapper");
        return result switch
        {
            MappingResult.Mapped m => Remember(entry, header, m),
            MappingResult.Parked p => new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Parked, [], p.Reason, [], missing),
            _ => throw new InvalidOperationException($"unknown mapping result {result.GetType().Name}"),
        };
    }

    /// <summary>
    /// A deletion, as history Bundles (subscription notifications) carry them: nothing to apply for
    /// a type we do not use; for one we do, parked for a person, since what it fed may already be
    /// invoiced or posted (a credit note, a correction) and undoing that is finance's decision.
    /// </summary>
    private static EntryResult Deleted(BundleEntry entry)
    {
        var parts = (entry.RequestUrl ?? "").Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !ModelInfo.IsKnownResource(parts[^2]))
            return new EntryResult(entry.Index, null, null, EntryKind.Rejected, [], $"a DELETE entry must name the resource it deletes (request.url Type/id), not '{entry.RequestUrl}'", []);
        var (type, id) = (parts[^2], parts[^1]);
        return ResourceKinds.IsUsed(type)
            ? new EntryResult(entry.Index, type, id, EntryKind.Parked, [], $"{type}/{id} was deleted at the source; ActorSync does not undo what it applied: review it (a credit note or a correction may be due)", [])
            : new EntryResult(entry.Index, type, id, EntryKind.Ignored, [], null, []);
    }

    private EntryResult Remember(BundleEntry entry, ResourceHeader header, MappingResult.Mapped mapped)
    {
        if (header.Id is not null && mapped.Commands.FirstOrDefault() is DraftInvoice draft)
            memory.Remember($"{header.ResourceType}/{header.Id}", draft.Key);
        return new EntryResult(entry.Index, header.ResourceType, header.Id, EntryKind.Mapped, mapped.Commands, null, []);
    }
}
