using System.Text.Json.Nodes;

namespace ActorSync.OdooSim.Tests.Replay;

/// <summary>Rewrites a recorded request so that the record ids in it are the simulator's.</summary>
internal sealed class RequestRewriter(RecordedIds ids)
{
    // The relational fields the recordings use, and the model they point at.
    public static readonly Dictionary<string, string> Relations = new()
    {
        ["partner_id"] = "res.partner", ["parent_id"] = "res.partner", ["journal_id"] = "account.journal",
        ["account_id"] = "account.account", ["company_id"] = "res.company", ["company_ids"] = "res.company",
        ["currency_id"] = "res.currency", ["product_id"] = "product.product", ["location_id"] = "stock.location",
        ["location_dest_id"] = "stock.location", ["picking_type_id"] = "stock.picking.type", ["move_id"] = "account.move",
        ["invoice_line_ids"] = "account.move.line", ["line_ids"] = "account.move.line", ["move_ids"] = "stock.move",
        ["order_line"] = "purchase.order.line", ["picking_ids"] = "stock.picking", ["lot_stock_id"] = "stock.location",
        ["payment_method_line_id"] = "account.payment.method.line", ["product_tmpl_id"] = "product.template", ["uom_id"] = "uom.uom",
    };

    public static readonly HashSet<string> ModelMethods = ["create", "search", "search_read", "search_count", "load", "fields_get", "name_search"];

    public async Task<JsonNode> JsonRpcAsync(JsonNode recorded)
    {
        var request = recorded.DeepClone();
        var args = request["params"]!["args"] as JsonArray;
        if ((string?)request["params"]!["service"] != "object" || args is null) return request;
        args[1] = await ids.ResolveAsync("res.users", (long)args[1]!);
        var (model, method) = ((string)args[3]!, (string)args[4]!);
        if (args.Count > 5 && args[5] is JsonArray positional)
        {
            if (method == "try_loading") positional[2] = await ids.ResolveAsync("res.company", (long)positional[2]!);
            else if (!ModelMethods.Contains(method) && positional.Count > 0) positional[0] = await IdsAsync(model, positional[0]);
            if (method.StartsWith("search", StringComparison.Ordinal) && positional.Count > 0) await DomainAsync(model, positional[0]);
            if (method == "create") await ValsAsync(model, positional[0]);
            if (method == "write") await ValsAsync(model, positional[1]);
        }
        if (args.Count > 6 && args[6]?["context"] is JsonObject context) await ContextAsync(context);
        return request;
    }

    public async Task<JsonNode> Json2Async(string model, JsonNode recorded)
    {
        var body = recorded.DeepClone();
        if (body is not JsonObject named) return body;
        if (named["ids"] is { } idList) named["ids"] = await IdsAsync(model, idList);
        if (named["domain"] is { } domain) await DomainAsync(model, domain);
        if (named["vals_list"] is { } valsList) await ValsAsync(model, valsList);
        if (named["vals"] is { } vals) await ValsAsync(model, vals);
        if (named["context"] is JsonObject context) await ContextAsync(context);
        return body;
    }

    private async Task<JsonNode> IdsAsync(string model, JsonNode? node)
    {
        if (node is not JsonArray list) return node!.DeepClone();
        var result = new JsonArray();
        foreach (var item in list)
            result.Add(RecordedIds.IsId(item) ? await ids.ResolveAsync(model, (long)item!) : item?.DeepClone());
        return result;
    }

    private async Task ValsAsync(string model, JsonNode? node)
    {
        if (node is JsonArray list)
        {
            foreach (var item in list) await ValsAsync(model, item);
            return;
        }
        if (node is not JsonObject vals) return;
        foreach (var key in vals.Select(p => p.Key).ToList())
        {
            var target = key == "res_id" ? (string?)vals["model"] : Relations.GetValueOrDefault(key);
            if (target is null) continue;
            var value = vals[key];
            if (RecordedIds.IsId(value)) vals[key] = await ids.ResolveAsync(target, (long)value!);
            else if (value is JsonArray commands) await CommandsAsync(target, commands);
        }
    }

    /// <summary>x2many commands: [0,0,vals], [1,id,vals], [4,id], [6,0,ids]; or a plain list of ids.</summary>
    private async Task CommandsAsync(string model, JsonArray commands)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            if (RecordedIds.IsId(commands[i]))
            {
                commands[i] = await ids.ResolveAsync(model, (long)commands[i]!);
                continue;
            }
            if (commands[i] is not JsonArray command || command.Count == 0) continue;
            var op = (int)command[0]!;
            if (op is 1 or 2 or 3 or 4) command[1] = await ids.ResolveAsync(model, (long)command[1]!);
            if (op is 0 or 1) await ValsAsync(model, command[2]);
            if (op == 6) command[2] = await IdsAsync(model, command[2]);
        }
    }

    private async Task DomainAsync(string model, JsonNode? domain)
    {
        foreach (var leaf in (domain as JsonArray ?? []).OfType<JsonArray>())
        {
            var field = (string?)leaf[0];
            var target = field == "id" ? model : field is null ? null : Relations.GetValueOrDefault(field);
            if (target is null) continue;
            if (RecordedIds.IsId(leaf[2])) leaf[2] = await ids.ResolveAsync(target, (long)leaf[2]!);
            else if (leaf[2] is JsonArray) leaf[2] = await IdsAsync(target, leaf[2]);
        }
    }

    private async Task ContextAsync(JsonObject context)
    {
        if (context["allowed_company_ids"] is JsonArray companies)
            context["allowed_company_ids"] = await KnownIdsAsync("res.company", companies);
        if (context["active_ids"] is JsonArray active && (string?)context["active_model"] is { } activeModel)
            context["active_ids"] = await IdsAsync(activeModel, active);
    }

    /// <summary>Company ids the recorded server did not have (999) stay as they are: they are the point of the exchange.</summary>
    private async Task<JsonArray> KnownIdsAsync(string model, JsonArray list)
    {
        var result = new JsonArray();
        foreach (var item in list)
            result.Add((long)item! is 1 or 2 ? await ids.ResolveAsync(model, (long)item!) : item!.DeepClone());
        return result;
    }
}
