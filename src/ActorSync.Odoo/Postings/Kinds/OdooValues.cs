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

    /// <summary>No taxes on the line: <c>[[6, 0, []]]</c> replaces Odoo's defaults with none.</summary>
    public static JsonArray NoTaxes() => new(new JsonArray(6, 0, new JsonArray()));

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
