using ActorSync.Domain.Common;

namespace ActorSync.Domain.InputExceptions;

/// <summary>
/// The exception queue for input: one entry per source resource that could not be applied,
/// keyed by source and resource. It keeps the original payload and the reason, so an operator
/// can act on it and nothing is dropped silently.
/// </summary>
public readonly record struct InputExceptionKey(SourceId Source, string ResourceType, string ResourceId)
{
    public override string ToString() => $"{Source}|{ResourceType}/{ResourceId}";

    /// <summary>Reads <c>source|Type/id</c>, the form <see cref="ToString"/> writes and operators type.</summary>
    public static InputExceptionKey Parse(string text)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        var slash = bar < 0 ? -1 : text.IndexOf('/', bar);
        if (bar <= 0 || slash < 0 || slash == text.Length - 1)
            throw new ArgumentException($"'{text}' is not an input exception key: source|Type/id, e.g. northwind-ehr|Encounter/enc-9");
        return new InputExceptionKey(new SourceId(text[..bar]), text[(bar + 1)..slash], text[(slash + 1)..]);
    }
}
