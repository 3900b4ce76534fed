using ActorSync.Domain.Common;

namespace ActorSync.Domain.Postings;

/// <summary>
/// The stable idempotency key of a posting. The same intended effect always gets the same key, so
/// that sending it twice, or after a lost answer, finds the record made the first time.
/// </summary>
public readonly record struct PostingKey : IStringId
{
    public PostingKey(string value) => Value = IdText.Require(value, "posting key");
    public string Value { get; }
    public override string ToString() => Value;
}
