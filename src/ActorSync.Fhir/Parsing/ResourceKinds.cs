namespace ActorSync.Fhir.Parsing;

/// <summary>The FHIR resource types ActorSync maps; every other type is acknowledged, counted and not parsed.</summary>
public static class ResourceKinds
{
    public static IReadOnlySet<string> Used { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Encounter", "Claim", "ChargeItem", "ExplanationOfBenefit", "Invoice", "PaymentReconciliation", "PaymentNotice",
        "SupplyDelivery", "Organization", "Location", "Practitioner", "PractitionerRole", "Patient",
    };

    public static bool IsUsed(string resourceType) => Used.Contains(resourceType);
}
