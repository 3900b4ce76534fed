using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Domain.Common;
using ActorSync.Domain.Reconciliation;
using ActorSync.Odoo.Lookup;
using ActorSync.Odoo.Postings;

namespace ActorSync.Odoo.Reconciliation;

/// <summary>
/// Reads back, inside one company, the journal entries and payments ActorSync made: those the
/// sinks recorded by id and every record carrying an <c>actorsync.*</c> external id, with their
/// lines' accounts, departments (analytic accounts), debits and credits. Cancelled records count
/// as gone. A handful of search_read calls per company, whatever the number of records.
/// </summary>
public sealed class OdooHoldingsReader(OdooClient odoo)
{
    private const string Move = "account.move";
    private const string Payment = "account.payment";

    public async Task<OdooHoldings> ReadAsync(LegalEntityId legalEntity, string companyName, IReadOnlyCollection<(string Model, long Id)> known, CancellationToken ct)
    {
        var company = await new OdooDirectory(odoo).CompanyAsync(companyName, ct).ConfigureAwait(false);
        var external = await odoo.SearchReadAsync("ir.model.data",
            OdooDomain.Where(("module", "=", ExternalIds.Module), ("model", "in", OdooDomain.Strings([Move, Payment]))), ["name", "model", "res_id"], company.Id, ct).ConfigureAwait(false);
        var names = external.ToDictionary(x => (x["model"]!.GetValue<string>(), x["res_id"]!.GetValue<long>()), x => x["name"]!.GetValue<string>());
        IEnumerable<long> Ids(string model) => names.Keys.Where(k => k.Item1 == model).Select(k => k.Item2).Concat(known.Where(k => k.Model == model).Select(k => k.Id)).Distinct();

        var records = new List<OdooRecord>();
        var moves = await ReadAsync(Move, Ids(Move), ["date", "state"], company.Id, ct).ConfigureAwait(false);
        if (moves.Count > 0)
        {
            var lines = await odoo.SearchReadAsync("account.move.line", OdooDomain.Where(("move_id", "in", OdooDomain.Ids(moves.Select(Id)))),
                ["move_id", "account_id", "debit", "credit", "analytic_distribution"], company.Id, ct).ConfigureAwait(false);
            var accounts = await NamesAsync("account.account", "code", lines.Select(l => RefId(l["account_id"])).OfType<long>(), company.Id, ct).ConfigureAwait(false);
            var analytics = await NamesAsync("account.analytic.account", "name", lines.SelectMany(AnalyticIds), company.Id, ct).ConfigureAwait(false);
            var byMove = lines.ToLookup(l => RefId(l["move_id"]));
            records.AddRange(moves.Select(m => new OdooRecord(Move, Id(m), names.GetValueOrDefault((Move, Id(m))), Date(m), m["state"]!.GetValue<string>(),
                [.. byMove[Id(m)].Select(l => new AccountLine(
                    accounts.GetValueOrDefault(RefId(l["account_id"]) ?? 0, "?"),
                    AnalyticIds(l).Select(a => analytics.GetValueOrDefault(a)).FirstOrDefault(),
                    Number(l["debit"]) - Number(l["credit"])))])));
        }
        var payments = await ReadAsync(Payment, Ids(Payment), ["date", "state", "amount", "journal_id"], company.Id, ct).ConfigureAwait(false);
        var journals = await NamesAsync("account.journal", "code", payments.Select(p => RefId(p["journal_id"])).OfType<long>(), company.Id, ct).ConfigureAwait(false);
        records.AddRange(payments.Select(p => new OdooRecord(Payment, Id(p), names.GetValueOrDefault((Payment, Id(p))), Date(p), p["state"]!.GetValue<string>(),
            [new AccountLine(ExpectedLines.PaymentRow(journals.GetValueOrDefault(RefId(p["journal_id"]) ?? 0, "?")), null, Number(p["amount"]))])));
        return new OdooHoldings(legalEntity, companyName, records);
    }

    private async Task<IReadOnlyList<JsonObject>> ReadAsync(string model, IEnumerable<long> ids, IReadOnlyList<string> fields, long company, CancellationToken ct)
    {
        var wanted = ids.ToList();
        if (wanted.Count == 0)
            return [];
        var rows = await odoo.SearchReadAsync(model, OdooDomain.Where(("id", "in", OdooDomain.Ids(wanted)), ("company_id", "=", company), ("state", "!=", "cancel")),
            fields, company, ct).ConfigureAwait(false);
        return [.. rows.Where(r => r["state"]?.GetValue<string>() is not "canceled")];
    }

    private async Task<Dictionary<long, string>> NamesAsync(string model, string field, IEnumerable<long> ids, long company, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
            return [];
        var rows = await odoo.SearchReadAsync(model, OdooDomain.Where(("id", "in", OdooDomain.Ids(wanted))), [field], company, ct).ConfigureAwait(false);
        return rows.ToDictionary(Id, r => r[field]?.GetValue<string>() ?? "?");
    }

    private static long Id(JsonObject row) => row["id"]!.GetValue<long>();

    /// <summary>A many2one as read: <c>[id, display name]</c>, or false when empty.</summary>
    private static long? RefId(JsonNode? value) => value is JsonArray { Count: > 0 } pair ? pair[0]!.GetValue<long>() : null;

    private static IEnumerable<long> AnalyticIds(JsonObject line) =>
        line["analytic_distribution"] is JsonObject distribution
            ? distribution.SelectMany(d => d.Key.Split(',')).Select(id => long.Parse(id, CultureInfo.InvariantCulture))
            : [];

    private static DateOnly Date(JsonObject row) => DateOnly.ParseExact(row["date"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal Number(JsonNode? value) => value is null ? 0 : Math.Round(value.GetValue<decimal>(), 2);
}
