namespace ActorSync.Odoo.Errors;

/// <summary>
/// A failed Odoo call. <see cref="Name"/> and <see cref="OdooMessage"/> are Odoo's own exception
/// name and message (or ours for transport failures), preserved for the exception queue. Built
/// only from what the server answered: never from the request, so credentials cannot leak in.
/// </summary>
public sealed class OdooException : Exception
{
    public OdooException(string name, string odooMessage, int? httpStatus, OdooErrorClass errorClass, bool mayHaveCommitted = false, Exception? inner = null)
        : base($"{name}: {odooMessage}", inner)
    {
        Name = name;
        OdooMessage = odooMessage;
        HttpStatus = httpStatus;
        Class = errorClass;
        MayHaveCommitted = mayHaveCommitted;
    }

    public string Name { get; }
    public string OdooMessage { get; }
    public int? HttpStatus { get; }
    public OdooErrorClass Class { get; }
    public bool IsTransient => Class == OdooErrorClass.Transient;

    /// <summary>
    /// The request may have reached Odoo and been committed although no answer came (timeout,
    /// connection lost after sending). Only an idempotent caller may repeat it.
    /// </summary>
    public bool MayHaveCommitted { get; }

    /// <summary>An error answered by Odoo itself, classified from its name and status.</summary>
    public static OdooException FromServer(string name, string message, int httpStatus) =>
        new(name, message, httpStatus, OdooErrorClassifier.Classify(name, httpStatus, message));

    /// <summary>
    /// An answer that is not one of Odoo's error payloads (a proxy page, an HTML 404). A 502, 504
    /// or other 5xx from a proxy may come while the Odoo worker behind it finishes and commits, so
    /// only 503 (no worker took the request) and 429 count as certainly not done.
    /// </summary>
    public static OdooException FromHttpStatus(int httpStatus, string what) =>
        new($"http.{httpStatus}", what, httpStatus, OdooErrorClassifier.ClassifyStatus(httpStatus), mayHaveCommitted: httpStatus >= 500 && httpStatus != 503);
}
