using ActorSync.Domain.Postings;
using ActorSync.Odoo.Errors;

namespace ActorSync.Odoo.Postings;

public enum PostingOutcome
{
    /// <summary>Made by this call.</summary>
    Created,

    /// <summary>Already in Odoo from an earlier attempt (found by external id or by its marker): nothing made twice.</summary>
    AlreadyInOdoo,

    /// <summary>Odoo refused it (or a mapping is missing) for a reason retrying cannot fix.</summary>
    Failed,
}

/// <summary>What became of one posting: the Odoo record it is, or Odoo's reason for refusing it.</summary>
public sealed record PostingResult(PostingKey Key, PostingOutcome Outcome, string Model, long? OdooId, OdooException? Error = null)
{
    public bool Succeeded => Outcome != PostingOutcome.Failed;
}
