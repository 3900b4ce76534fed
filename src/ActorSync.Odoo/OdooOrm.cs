using System.Text.Json.Nodes;
using ActorSync.Odoo.Errors;
using ActorSync.Odoo.Wire;

namespace ActorSync.Odoo;

/// <summary>
/// The ORM calls ActorSync makes, always inside one company: <c>allowed_company_ids</c> holds only
/// that company, so a record of another company can be neither read nor written by mistake.
/// </summary>
public static class OdooOrm
{
    public static JsonObject CompanyContext(long? company, JsonObject? extra = null)
    {
        var context = new JsonObject();
        if (company is { } id)
            context["allowed_company_ids"] = new JsonArray(id);
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
                context[key] = value?.DeepClone();
        }
        return context;
    }

    public static async Task<IReadOnlyList<JsonObject>> SearchReadAsync(this OdooClient odoo, string model, JsonArray domain, IReadOnlyList<string> fields, long? company, CancellationToken ct, int? limit = null)
    {
        var call = new OdooCall(model, "search_read") { Context = CompanyContext(company), SafeToRepeat = true }
            .With("domain", domain)
            .With("fields", new JsonArray([.. fields.Select(f => JsonValue.Create(f))]));
        if (limit is { } max)
            call = call.With("limit", max);
        var result = await odoo.CallAsync(call, ct).ConfigureAwait(false);
        return result is JsonArray rows ? [.. rows.OfType<JsonObject>()] : throw Unexpected(call, result);
    }

    public static async Task<IReadOnlyList<long>> CreateAsync(this OdooClient odoo, string model, IReadOnlyList<JsonObject> valsList, long? company, CancellationToken ct, JsonObject? context = null)
    {
        var call = new OdooCall(model, "create") { Context = CompanyContext(company, context) }
            .With("vals_list", new JsonArray([.. valsList.Select(v => v.DeepClone())]));
        var result = await odoo.CallAsync(call, ct).ConfigureAwait(false);
        // JSON-2 always answers a list; JSON-RPC answers a list for a list.
        return result switch
        {
            JsonArray ids => [.. ids.Select(id => id!.GetValue<long>())],
            JsonValue one when one.TryGetValue<long>(out var id) => [id],
            _ => throw Unexpected(call, result),
        };
    }

    public static Task<JsonNode?> WriteAsync(this OdooClient odoo, string model, IReadOnlyList<long> ids, JsonObject vals, long? company, CancellationToken ct) =>
        odoo.CallAsync(new OdooCall(model, "write") { Ids = ids, Context = CompanyContext(company) }.With("vals", vals), ct);

    /// <summary>A record-level action (action_post, button_validate…). Not safe to repeat blindly.</summary>
    public static Task<JsonNode?> ActAsync(this OdooClient odoo, string model, string method, IReadOnlyList<long> ids, long? company, CancellationToken ct, JsonObject? context = null) =>
        odoo.CallAsync(new OdooCall(model, method) { Ids = ids, Context = CompanyContext(company, context) }, ct);

    /// <summary><c>load(fields, data)</c>: an atomic upsert by external id in the <c>id</c> column.</summary>
    public static async Task<IReadOnlyList<long>> LoadAsync(this OdooClient odoo, string model, IReadOnlyList<string> fields, IReadOnlyList<JsonArray> rows, long? company, CancellationToken ct)
    {
        var call = new OdooCall(model, "load") { Context = CompanyContext(company) }
            .With("fields", new JsonArray([.. fields.Select(f => JsonValue.Create(f))]))
            .With("data", new JsonArray([.. rows.Select(r => r.DeepClone())]));
        var result = await odoo.CallAsync(call, ct).ConfigureAwait(false) as JsonObject ?? throw Unexpected(call, null);
        if (result["ids"] is JsonArray ids)
            return [.. ids.Select(id => id!.GetValue<long>())];
        // A refused row is an answer, not an RPC error: nothing was written.
        var messages = result["messages"] as JsonArray ?? [];
        var reasons = string.Join("; ", messages.OfType<JsonObject>().Select(m => $"row {m["record"]}: {m["message"]}"));
        throw new OdooException("odoo.load.error", $"{model}.load refused the rows: {reasons}", 200, OdooErrorClass.Permanent);
    }

    public static OdooException Unexpected(OdooCall call, JsonNode? result) =>
        new("actorsync.unexpected-answer", $"Odoo answered {call} with an unexpected {result?.GetValueKind().ToString() ?? "null"}.", 200, OdooErrorClass.Permanent);
}

/// <summary>Odoo domains (search filters) as JSON: an implicit AND of [field, operator, value] terms.</summary>
public static class OdooDomain
{
    public static JsonArray Where(params (string Field, string Operator, JsonNode? Value)[] terms) =>
        new([.. terms.Select(t => (JsonNode)new JsonArray(t.Field, t.Operator, t.Value))]);

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    public static JsonArray Ids(IEnumerable<long> values) => new([.. values.Select(v => JsonValue.Create(v))]);
}
