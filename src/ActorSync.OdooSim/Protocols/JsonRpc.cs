using System.Text.Json.Nodes;
using ActorSync.OdooSim.Http;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;

namespace ActorSync.OdooSim.Protocols;

/// <summary>
/// POST /jsonrpc (services common and object) and POST /web/version. Errors are HTTP 200 with an
/// "error" member; a method returning None gives an envelope without "result".
/// </summary>
internal sealed class JsonRpc(Dispatch dispatch)
{
    public async Task<Reply> HandleAsync(JsonNode? request, bool webVersion, CancellationToken ct)
    {
        var id = request?["id"]?.DeepClone();
        try
        {
            if (webVersion)
            {
                await dispatch.CallOverheadAsync(ct);
                return Success(id, VersionInfo.Odoo19());
            }
            var parameters = request?["params"] as JsonObject ?? [];
            var service = Args.OptionalString(parameters["service"]) ?? "";
            var method = Args.OptionalString(parameters["method"]) ?? "";
            var args = parameters["args"] as JsonArray ?? [];
            return service switch
            {
                "common" => await CommonAsync(id, method, args, ct),
                "object" => await ObjectAsync(id, method, args, ct),
                _ => Error(id, new OdooError("builtins.Exception", $"No such service {service}", 500)),
            };
        }
        catch (OdooError error)
        {
            return Error(id, error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Error(id, OdooError.Internal(e));
        }
    }

    /// <summary>The error envelope for a call that is refused without running (serialization failure fault).</summary>
    public static Reply Failure(JsonNode? request, OdooError error) => Error(request?["id"]?.DeepClone(), error);

    private async Task<Reply> CommonAsync(JsonNode? id, string method, JsonArray args, CancellationToken ct)
    {
        await dispatch.CallOverheadAsync(ct);
        switch (method)
        {
            case "version":
                return Success(id, VersionInfo.Odoo19());
            case "login" or "authenticate":
                var db = Text(args, 0);
                if (db != dispatch.Server.DatabaseName) throw OdooError.UnknownDatabase(db);
                var uid = dispatch.Server.Login(Text(args, 1), Text(args, 2));
                return Success(id, uid is int u ? JsonValue.Create(u) : JsonValue.Create(false));
            default:
                throw OdooError.AttributeError($"'common' service has no method '{method}'");
        }
    }

    private async Task<Reply> ObjectAsync(JsonNode? id, string method, JsonArray args, CancellationToken ct)
    {
        if (method is not ("execute_kw" or "execute")) throw new OdooError("builtins.NameError", $"Method not available {method}", 500);
        var db = Text(args, 0);
        if (db != dispatch.Server.DatabaseName) throw OdooError.UnknownDatabase(db);
        if (!JsonNum.TryInt(args.Count > 1 ? args[1] : null, out var uid) || !dispatch.Server.Check(uid, Text(args, 2)))
            throw OdooError.AccessDenied();
        var modelName = Text(args, 3);
        var model = dispatch.Server.Registry.Find(modelName) ?? throw OdooError.UserError($"Object {modelName} doesn't exist");
        var methodName = Text(args, 4);
        var target = Dispatch.PublicMethod(model, methodName)
            ?? throw OdooError.AttributeError($"The method '{model.Name}.{methodName}' does not exist");
        JsonArray positional;
        JsonObject kwargs;
        if (method == "execute_kw")
        {
            positional = args.Count > 5 ? args[5] as JsonArray ?? [] : [];
            kwargs = args.Count > 6 ? args[6] as JsonObject ?? [] : [];
        }
        else
        {
            positional = new JsonArray([.. args.Skip(5).Select(a => a?.DeepClone())]);
            kwargs = [];
        }
        var call = Binder.Positional(model, target, positional, kwargs);
        var outcome = await dispatch.RunAsync(uid, model, target, call, kwargs["context"] as JsonObject ?? [], ct);
        return outcome.IsNone ? Success(id, null, none: true) : Success(id, outcome.Value);
    }

    private static string Text(JsonArray args, int index) =>
        args.Count > index && args[index] is { } node && !ValueCodec.IsFalse(node) ? ValueCodec.Text(node) : "";

    private static Reply Success(JsonNode? id, JsonNode? result, bool none = false)
    {
        var envelope = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id };
        if (!none) envelope["result"] = result;
        return Reply.Of(envelope);
    }

    private static Reply Error(JsonNode? id, OdooError error) => Reply.Of(new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id,
        ["error"] = new JsonObject
        {
            ["code"] = 0,
            ["message"] = "Odoo Server Error",
            ["data"] = Json2.ErrorBody(error),
        },
    });
}
