using System.Text.Json.Nodes;

namespace ActorSync.OdooSim.Runtime;

/// <summary>
/// An exception as Odoo reports it: the Python class name, the message, the error context and the
/// HTTP status JSON-2 answers with. werkzeug HTTP exceptions add their status to the arguments.
/// </summary>
internal sealed class OdooError(string name, string message, int json2Status, JsonObject? context = null, bool statusInArguments = false)
    : Exception(message)
{
    public string Name { get; } = name;
    public int Json2Status { get; } = json2Status;
    public JsonObject Context { get; } = context ?? [];

    public JsonArray Arguments => statusInArguments ? [Message, Json2Status] : [Message];

    /// <summary>A bug in the simulator, reported like a Python exception so the caller sees it.</summary>
    public static OdooError Internal(Exception e) => new("builtins.RuntimeError", $"Simulator error: {e}", 500);

    public static OdooError UserError(string message) => new("odoo.exceptions.UserError", message, 422);
    public static OdooError ValidationError(string message) => new("odoo.exceptions.ValidationError", message, 422);
    public static OdooError AccessError(string message, JsonObject? context = null) => new("odoo.exceptions.AccessError", message, 403, context);
    public static OdooError MissingError(string message) => new("odoo.exceptions.MissingError", message, 404);
    public static OdooError AccessDenied() => new("odoo.exceptions.AccessDenied", "Access Denied", 401);
    public static OdooError ValueError(string message) => new("builtins.ValueError", message, 500);
    public static OdooError TypeError(string message) => new("builtins.TypeError", message, 500);
    public static OdooError AttributeError(string message) => new("builtins.AttributeError", message, 500);

    public static OdooError NotFound(string message) => new("werkzeug.exceptions.NotFound", message, 404, statusInArguments: true);
    public static OdooError Unprocessable(string message) => new("werkzeug.exceptions.UnprocessableEntity", message, 422, statusInArguments: true);
    public static OdooError Unauthorized(string message) => new("werkzeug.exceptions.Unauthorized", message, 401, statusInArguments: true);

    public static OdooError UnknownDatabase(string db) => new(
        "psycopg2.OperationalError",
        $"connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  database \"{db}\" does not exist\n", 500);

    public static OdooError SerializationFailure() => new(
        "psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update\n", 500);

    /// <summary>What PostgreSQL says when an id is not an integer (the SQL excerpt mimics Odoo's query).</summary>
    public static OdooError InvalidId(string table, string value)
    {
        var line = $"LINE 23: ...\" FROM \"{table}\" WHERE \"{table}\".\"id\" IN ('{value}') AND...";
        var caret = new string(' ', line.IndexOf("('", StringComparison.Ordinal) + 1) + "^";
        return new("psycopg2.errors.InvalidTextRepresentation", $"invalid input syntax for type integer: \"{value}\"\n{line}\n{caret}\n", 500);
    }

    /// <summary>Odoo's wording for a NOT NULL violation, wrapped by the RPC layer into a ValidationError.</summary>
    public static OdooError MandatoryField(string modelDescription, string model, string fieldLabel, string field) => ValidationError(
        "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n" +
        "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n" +
        $"Model: {modelDescription} ({model})\nField: {fieldLabel} ({field})\n");

    /// <summary>Odoo's wording for a foreign key violation (deleting a record still referenced, or pointing at a missing one).</summary>
    public static OdooError ForeignKey(string modelDescription, string model, string field) => ValidationError(
        "The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\n" +
        $"Model: {modelDescription} ({model})\nConstraint: {model.Replace('.', '_')}_{field}_fkey\n");
}
