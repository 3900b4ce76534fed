namespace ActorSync.Domain.Common;

/// <summary>A strongly typed identifier: a non-blank string that keeps ids of different kinds apart.</summary>
public interface IStringId
{
    string Value { get; }
}

internal static class IdText
{
    public static string Require(string? value, string kind)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainException($"{kind} must not be empty.");
        if (value.Length > 200)
            throw new DomainException($"{kind} is longer than 200 characters.");
        return value.Trim();
    }
}

public readonly record struct SiteId : IStringId
{
    public SiteId(string value) => Value = IdText.Require(value, "site id");
    public string Value { get; }
    public override string ToString() => Value;
}

public readonly record struct LegalEntityId : IStringId
{
    public LegalEntityId(string value) => Value = IdText.Require(value, "legal entity id");
    public string Value { get; }
    public override string ToString() => Value;
}

public readonly record struct DepartmentId : IStringId
{
    public DepartmentId(string value) => Value = IdText.Require(value, "department id");
    public string Value { get; }
    public override string ToString() => Value;
}

public readonly record struct SourceId : IStringId
{
    public SourceId(string value) => Value = IdText.Require(value, "source id");
    public string Value { get; }
    public override string ToString() => Value;
}

public readonly record struct EncounterId : IStringId
{
    public EncounterId(string value) => Value = IdText.Require(value, "encounter id");
    public string Value { get; }
    public override string ToString() => Value;
}

public readonly record struct InvoiceId : IStringId
{
    public InvoiceId(string value) => Value = IdText.Require(value, "invoice id");
    public string Value { get; }
    public override string ToString() => Value;
}

public readonly record struct ItemId : IStringId
{
    public ItemId(string value) => Value = IdText.Require(value, "item id");
    public string Value { get; }
    public override string ToString() => Value;
}
