using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Lookup;

namespace ActorSync.Odoo.Postings.Kinds;

/// <summary>Small pieces of Odoo's value syntax shared by the posting kinds.</summary>
internal static class OdooValues
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An x2many "create this line" command: <c>[0, 0, {values}]</c>.</summary>
    public static JsonArray NewLine(JsonObject values) => new(0, 0, values);

    public static JsonArray Lines(IEnumerable<JsonObject> lines) => new([.. lines.Select(l => (JsonNode)NewLine(l))]);

    /// <summary>
    /// The line's taxes as <c>[[6, 0, [ids]]]</c>: exactly the named sales taxes, and with none named,
    /// none at all (Odoo's defaults, e.g. the account's tax, are replaced).
    /// </summary>
    public static async Task<JsonArray> TaxesAsync(IReadOnlyList<string>? taxes, PostingScope scope, CancellationToken ct)
    {
        var ids = new JsonArray();
        foreach (var tax in taxes ?? [])
            ids.Add(await OdooDirectory.Require(scope.Directory.FindSalesTaxAsync(scope.Company, tax, ct), "sales tax", tax, scope.Company).ConfigureAwait(false));
        return new JsonArray(new JsonArray(6, 0, ids));
    }

    /// <summary>The whole line on one analytic account: <c>{"id": 100}</c>.</summary>
    public static async Task<JsonObject?> AnalyticAsync(string? analyticAccount, PostingScope scope, CancellationToken ct)
    {
        if (analyticAccount is null)
            return null;
        var id = await OdooDirectory.Require(scope.Directory.FindAnalyticAccountAsync(scope.Company, analyticAccount, ct), "analytic account", analyticAccount, scope.Company).ConfigureAwait(false);
        return new JsonObject { [id.ToString(CultureInfo.InvariantCulture)] = 100 };
    }

    public static Task<long> AccountAsync(string code, PostingScope scope, CancellationToken ct) =>
        OdooDirectory.Require(scope.Directory.FindAccountAsync(scope.Company, code, ct), "account", code, scope.Company);

    public static Task<long> JournalAsync(string code, PostingScope scope, CancellationToken ct) =>
        OdooDirectory.Require(scope.Directory.FindJournalAsync(scope.Company, code, ct), "journal", code, scope.Company);

    public static Task<long> PartnerAsync(PartnerRef partner, PostingScope scope, CancellationToken ct) =>
        scope.Records.RequireAsync(partner.Key, "res.partner", scope.Company, ct);

    public static Task<long> ProductAsync(string code, PostingScope scope, CancellationToken ct) =>
        OdooDirectory.Require(scope.Directory.FindProductAsync(scope.Company, code, ct), "product", code, scope.Company);
}
