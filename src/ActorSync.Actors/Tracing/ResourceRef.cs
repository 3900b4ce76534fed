namespace ActorSync.Actors.Tracing;

/// <summary>A source resource as <c>Type/id</c> (<c>Claim/abc</c>), as its source stamps name it.</summary>
public sealed record ResourceRef(string Type, string Id)
{
    public static bool TryParse(string? text, out ResourceRef resource)
    {
        var slash = text?.IndexOf('/') ?? -1;
        resource = slash > 0 && slash < text!.Length - 1 ? new ResourceRef(text[..slash].Trim(), text[(slash + 1)..].Trim()) : new ResourceRef("", "");
        return resource.Type.Length > 0 && resource.Id.Length > 0;
    }

    /// <summary>FHIR type names are case-sensitive, but nobody means another type by <c>claim</c>; ids are compared exactly.</summary>
    public bool Matches(Domain.Common.SourceStamp stamp) =>
        string.Equals(stamp.ResourceType, Type, StringComparison.OrdinalIgnoreCase) && stamp.ResourceId == Id;

    public override string ToString() => $"{Type}/{Id}";
}
