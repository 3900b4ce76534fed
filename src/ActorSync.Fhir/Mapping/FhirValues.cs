using Hl7.Fhir.Model;

namespace ActorSync.Fhir.Mapping;

/// <summary>FHIR values as the mappers read them, one rule each.</summary>
internal static class FhirValues
{
    public static DateTimeOffset? Instant(FhirDateTime? value) =>
        value is not null && value.TryToDateTimeOffset(out var at) ? at : null;

    /// <summary>The UTC day of an instant; a dateTime that is only a day is that day (not midnight of some zone).</summary>
    public static DateOnly? Day(FhirDateTime? value) =>
        value?.Value is { Length: 10 } day && DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed) ? parsed
        : Instant(value) is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null;

    /// <summary>A FHIR date (a day, no time).</summary>
    public static DateOnly? Day(Date? value) =>
        DateOnly.TryParse(value?.Value, System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : null;

    /// <summary>
    /// A reference as the directory reads it: the literal one, else a logical one (an identifier
    /// only) as the conditional reference <c>Type?identifier=system|value</c>.
    /// </summary>
    public static string? Reference(ResourceReference? reference, string type) =>
        reference?.Reference is { Length: > 0 } literal ? literal
        : reference?.Identifier?.Value is { Length: > 0 } value ? $"{type}?identifier={reference.Identifier.System}|{value}"
        : null;

    /// <summary>The paying organization, never the patient: no insurance means the patient pays (<c>self-pay</c>).</summary>
    public static string Payer(string? name) =>
        string.IsNullOrWhiteSpace(name) || name == "NO_INSURANCE" ? "self-pay" : name;
}
