using Hl7.Fhir.Model;

namespace ActorSync.Fhir.Mapping;

/// <summary>FHIR values as the mappers read them, one rule each.</summary>
internal static class FhirValues
{
    public static DateTimeOffset? Instant(FhirDateTime? value) =>
        value is not null && value.TryToDateTimeOffset(out var at) ? at : null;

    /// <summary>The UTC day of an instant.</summary>
    public static DateOnly? Day(FhirDateTime? value) =>
        Instant(value) is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null;

    /// <summary>A FHIR date (a day, no time).</summary>
    public static DateOnly? Day(Date? value) =>
        DateOnly.TryParse(value?.Value, System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : null;

    /// <summary>The paying organization, never the patient: no insurance means the patient pays (<c>self-pay</c>).</summary>
    public static string Payer(string? name) =>
        string.IsNullOrWhiteSpace(name) || name == "NO_INSURANCE" ? "self-pay" : name;
}
