namespace ActorSync.Odoo.Errors;

/// <summary>Whether trying again later can succeed.</summary>
public enum OdooErrorClass
{
    /// <summary>Timeouts, lost connections, 5xx, 429, concurrency failures: retry with backoff.</summary>
    Transient,

    /// <summary>Access, validation, user errors, missing records, bad arguments: retrying changes nothing.</summary>
    Permanent,
}
