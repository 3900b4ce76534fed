namespace ActorSync.Odoo.Errors;

/// <summary>
/// Transient or permanent, from Odoo's exception names (error.data.name on JSON-RPC, name on JSON-2)
/// first and the HTTP status second: an unknown field answers 500 on JSON-2 but is a permanent mistake.
/// </summary>
public static class OdooErrorClassifier
{
    private static readonly HashSet<string> TransientNames = new(StringComparer.Ordinal)
    {
        // PostgreSQL concurrency: Odoo rolled the transaction back after its own retries.
        "psycopg2.errors.SerializationFailure",
        "psycopg2.errors.DeadlockDetected",
        "psycopg2.errors.LockNotAvailable",
        "psycopg2.extensions.TransactionRollbackError",
        "odoo.exceptions.ConcurrencyError",
        "odoo.exceptions.LockError", // "Record(s) could not be locked": another transaction holds them
        "psycopg2.InterfaceError",
        "werkzeug.exceptions.TooManyRequests",
        "werkzeug.exceptions.ServiceUnavailable",
        "werkzeug.exceptions.GatewayTimeout",
        "werkzeug.exceptions.BadGateway",
    };

    private static readonly string[] PermanentPrefixes =
    [
        "odoo.exceptions.", // AccessDenied, AccessError, ValidationError, UserError, MissingError, RedirectWarning
        "builtins.",        // ValueError (unknown field, bad selection), AttributeError (unknown method), TypeError
        "werkzeug.exceptions.", // Unauthorized, NotFound, UnprocessableEntity, Forbidden, BadRequest
        "psycopg2.errors.", // InvalidTextRepresentation, UniqueViolation, NotNullViolation, …
    ];

    public static OdooErrorClass Classify(string name, int httpStatus, string message = "")
    {
        if (TransientNames.Contains(name))
            return OdooErrorClass.Transient;
        // The database server is unreachable (transient) unless the database does not exist at all.
        if (name == "psycopg2.OperationalError")
            return message.Contains("does not exist", StringComparison.Ordinal) ? OdooErrorClass.Permanent : OdooErrorClass.Transient;
        if (PermanentPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            return OdooErrorClass.Permanent;
        return ClassifyStatus(httpStatus);
    }

    public static OdooErrorClass ClassifyStatus(int httpStatus) =>
        httpStatus is 408 or 429 or >= 500 ? OdooErrorClass.Transient : OdooErrorClass.Permanent;
}
