using System.Text.Json.Nodes;
using ActorSync.OdooSim.Http;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;

namespace ActorSync.OdooSim.Protocols;

/// <summary>
/// POST /json/2/&lt;model&gt;/&lt;method&gt; (Odoo 19): bearer API key, named arguments, the bare result,
/// and errors as {name, message, arguments, context, debug} with real HTTP statuses.
/// </summary>
internal sealed class Json2(Dispatch dispatch)
{
    public async Task<Reply> HandleAsync(string? database, string? authorization, string modelName, string methodName, JsonNode? body, CancellationToken ct)
    {
        if (database is not null && database != dispatch.Server.DatabaseName) return Reply.NoDatabase();
        try
        {
            var uid = Authenticate(authorization);
            var model = dispatch.Server.Registry.Find(modelName) ?? throw OdooError.NotFound($"the model {PyRepr.Str(modelName)} does not exist");
            var method = Dispatch.PublicMethod(model, methodName)
                ?? throw OdooError.NotFound($"The method '{model.Name}.{methodName}' does not exist");
            var arguments = body as JsonObject ?? (ValueCodec.IsFalse(body) ? [] : throw OdooError.Unprocessable("Invalid JSON data: expected an object"));
            var call = Binder.Named(model, method, arguments);
            var outcome = await dispatch.RunAsync(uid, model, method, call, arguments["context"] as JsonObject ?? [], ct);
            // JSON-2 answers recordsets as lists of ids: create is always a list.
            var result = method.Name == "create" && outcome.Value is JsonValue single ? new JsonArray(single.DeepClone()) : outcome.Value;
            return Reply.Of(outcome.IsNone ? null : result);
        }
        catch (OdooError error)
        {
            return Failure(error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failure(OdooError.Internal(e));
        }
    }

    public static Reply Failure(OdooError error) => Reply.Of(ErrorBody(error), error.Json2Status);

    public static JsonObject ErrorBody(OdooError error) => new()
    {
        ["name"] = error.Name,
        ["message"] = error.Message,
        ["arguments"] = error.Arguments,
        ["context"] = error.Context.DeepClone(),
        ["debug"] = "Traceback (most recent call last): ... (server traceback, omitted)",
    };

    private int Authenticate(string? authorization)
    {
        const string scheme = "bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            throw OdooError.Unauthorized("User not authenticated, use an API Key with a Bearer Authorization header.");
        return dispatch.Server.UidForApiKey(authorization[scheme.Length..].Trim()) ?? throw OdooError.Unauthorized("Invalid apikey");
    }
}
