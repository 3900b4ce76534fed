namespace ActorSync.Fhir.Parsing;

/// <summary>
/// The FHIR resource types ActorSync maps; every other type is acknowledged, counted and not parsed.
/// Patients are not among them: identity stays on the clinical side (entities keep a keyed pseudonym).
/// </summary>
public static class ResourceKinds
{
    public static IReadOnlySet<string> Used { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Encounter", "Claim", "ChargeItem", "ExplanationOfBenefit", "Invoice", "PaymentReconciliation", "PaymentNotice",
        "SupplyDelivery", "Organization", "Location", "Practitioner", "PractitionerRole",
    };

    public static bool IsUsed(string resourceType) => Used.Contains(resourceType);
}
