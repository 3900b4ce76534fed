using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Runtime;

namespace ActorSync.OdooSim.Protocols;

/// <summary>What both protocols share: finding a public method, and running it within the cost model.</summary>
internal sealed class Dispatch(OdooServer server, CostGate costs)
{
    public OdooServer Server => server;

    /// <summary>Odoo's get_public_method: private names are refused before existence is checked.</summary>
    public static MethodDef? PublicMethod(Model model, string name)
    {
        if (name.StartsWith('_'))
            throw OdooError.AccessError($"Private methods (such as '{model.Name}.{name}') cannot be called remotely.");
        return model.Methods.GetValueOrDefault(name) ?? CommonMethods.All.GetValueOrDefault(name);
    }

    public async Task<Outcome> RunAsync(int uid, Model model, MethodDef method, CallArgs args, JsonObject context, CancellationToken ct)
    {
        using (await costs.EnterAsync(model.Name, method.Name, Records(method, args), ct))
            return server.Call(uid, model, method, args, context);
    }

    private static int Records(MethodDef method, CallArgs args) => method.Name switch
    {
        "create" => args["vals_list"] is JsonArray list ? list.Count : 1,
        "load" => (args["data"] as JsonArray)?.Count ?? 1,
        _ => args.Ids.Count,
    };

    public async Task CallOverheadAsync(CancellationToken ct)
    {
        using (await costs.EnterAsync(null, null, 0, ct)) { }
    }
}
