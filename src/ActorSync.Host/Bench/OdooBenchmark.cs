using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using ActorSync.Odoo;
using ActorSync.Odoo.Connection;
using ActorSync.Odoo.Lookup;
using ActorSync.Odoo.Postings;
using ActorSync.OdooSim;

namespace ActorSync.Host.Bench;

/// <summary>
/// Invoices/s into the Odoo simulator: hand-written JSON-2 calls (the floor any client pays) one per
/// invoice and in batches, against the connector's full path (look-ups, external ids, posting),
/// one per call and batched. With the odoo19 costs the simulator answers as slowly as a real Odoo 19
/// with one worker, so the ratios are those a real deployment would see.
/// </summary>
internal static class OdooBenchmark
{
    private const string Company = "ActorSync Bench Hospital";
    private const string Key = "bench-api-key";

    public sealed record Settings(string Costs, int Batched, int Single, int BatchSize);

    /// <summary>
    /// <see cref="ClientBatched"/> is the full path, idempotency look-ups included (a retry's path, and the
    /// goal's); <see cref="ClientBatchedFirstAttempt"/> is a sink's first send of postings it queued itself.
    /// </summary>
    public sealed record Result(string Costs, double RawSingle, double RawBatched, double RawBatchedWithExternalIds, double ClientSingle, double ClientBatched, double ClientBatchedFirstAttempt)
    {
        /// <summary>What the connector costs over the writes every idempotent client must make (create, external ids, post).</summary>
        public double ClientOverhead => 1 - ClientBatched / RawBatchedWithExternalIds;
        /// <summary>Over bare create + post, without external ids.</summary>
        public double OverheadOverBareCalls => 1 - ClientBatched / RawBatched;
        public double BatchingGain => ClientBatched / ClientSingle;
        public double RawBatchingGain => RawBatched / RawSingle;
    }

    public static async Task<Result> RunAsync(Settings settings, CancellationToken ct)
    {
        await using var sim = await OdooSimulator.StartAsync(new SimulatorOptions
        {
            Companies = [new SimCompany(Company)],
            Users = [new SimUser("bench", "bench-password", Key, Name: "Bench")],
            Costs = settings.Costs == "odoo19" ? SimulatorCosts.Odoo19 : SimulatorCosts.None,
        }, ct);
        var connection = new OdooConnectionSettings
        {
            Url = sim.BaseAddress, Database = "actorsync", Login = "bench", ApiKey = OdooSecret.Of(Key),
            BatchSize = settings.BatchSize, RateLimit = new RateLimitSettings(0, 1), Timeout = TimeSpan.FromMinutes(2),
        };
        using var client = new OdooClient(connection);
        var writer = new PostingWriter(client, _ => new OdooTarget(Company));
        using var http = RawHttp(sim.BaseAddress, Key);
        var raw = new RawCalls(http, await RawIdsAsync(client, Company, ct));
        var rawSingle = await MeasureAsync($"{settings.Costs}: raw, one invoice per call", settings.Single, 1, (keys, c) => raw.PostAsync(keys, externalIds: false, c), ct);
        var rawBatched = await MeasureAsync($"{settings.Costs}: raw, {settings.BatchSize} per call", settings.Batched, settings.BatchSize, (keys, c) => raw.PostAsync(keys, externalIds: false, c), ct);
        var rawXmlids = await MeasureAsync($"{settings.Costs}: raw + external ids, {settings.BatchSize} per call", settings.Batched, settings.BatchSize, (keys, c) => raw.PostAsync(keys, externalIds: true, c), ct);
        var single = new PostingWriter(new OdooClient(connection with { BatchSize = 1 }), _ => new OdooTarget(Company));
        var clientSingle = await MeasureAsync($"{settings.Costs}: connector, one invoice per call", settings.Single, 1, (keys, c) => WriteAsync(single, keys, firstAttempt: false, c), ct);
        var clientBatched = await MeasureAsync($"{settings.Costs}: connector, {settings.BatchSize} per call", settings.Batched, settings.BatchSize, (keys, c) => WriteAsync(writer, keys, firstAttempt: false, c), ct);
        var firstAttempt = await MeasureAsync($"{settings.Costs}: connector, {settings.BatchSize} per call, first attempt", settings.Batched, settings.BatchSize, (keys, c) => WriteAsync(writer, keys, firstAttempt: true, c), ct);
        var expected = 4 * settings.Batched + 2 * settings.Single;
        if (sim.Count("account.move") < expected)
            throw new InvalidOperationException($"the simulator holds {sim.Count("account.move")} moves, expected at least {expected}");
        return new Result(settings.Costs, rawSingle, rawBatched, rawXmlids, clientSingle, clientBatched, firstAttempt);
    }

    private static async Task WriteAsync(PostingWriter writer, IReadOnlyList<string> keys, bool firstAttempt, CancellationToken ct)
    {
        var payer = new PartnerRef(new PostingKey("bench-payer"), "Bench Payer");
        var postings = keys.Select(k => (Posting)new CustomerInvoicePosting(new PostingKey(k), new LegalEntityId("bench"), payer, "INV", new DateOnly(2026, 11, 30),
            [new InvoicePostingLine("Emergency visit", 1, Money.Of(120m, Currency.Usd), "400000", null)])).ToList();
        var results = await writer.WriteAsync(postings, firstAttempt ? postings.Select(p => p.Key).ToHashSet() : PostingScope.NoFirstAttempts, ct);
        if (results.FirstOrDefault(r => r.Outcome != PostingOutcome.Created) is { } failed)
            throw new InvalidOperationException($"posting {failed.Key}: {failed.Outcome} {failed.Error?.Message}");
    }

    /// <summary>The ids hand-written invoice calls need in one company (journal INV, account 400000, a payer).</summary>
    public static async Task<RawIds> RawIdsAsync(OdooClient client, string companyName, CancellationToken ct)
    {
        var directory = new Odoo.Lookup.OdooDirectory(client);
        var company = await directory.CompanyAsync(companyName, ct);
        return new RawIds(company.Id,
            (await directory.FindJournalAsync(company, "INV", ct))!.Value,
            (await directory.FindAccountAsync(company, "400000", ct))!.Value,
            (await client.CreateAsync("res.partner", [new JsonObject { ["name"] = "Bench Payer" }], null, ct))[0]);
    }

    public static HttpClient RawHttp(Uri odoo, string key)
    {
        var http = new HttpClient { BaseAddress = odoo, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", key);
        http.DefaultRequestHeaders.Add("X-Odoo-Database", "actorsync");
        return http;
    }

    public static async Task<double> MeasureAsync(string label, int count, int perCall, Func<IReadOnlyList<string>, CancellationToken, Task> post, CancellationToken ct)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, count).Select(i => $"bench_{run}_{i}").ToList();
        var clock = Stopwatch.StartNew();
        var done = 0;
        foreach (var chunk in keys.Chunk(perCall))
        {
            await post(chunk, ct);
            done += chunk.Length;
            Console.Write($"\r  {label}: {done}/{count}");
        }
        var rate = count / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"\r  {label}: {count} invoices in {clock.Elapsed.TotalSeconds:F1} s = {rate:N1}/s");
        return rate;
    }

    public sealed record RawIds(long Company, long Journal, long Account, long Partner);

    /// <summary>Hand-written JSON-2 requests: what the calls cost without any client library.</summary>
    public sealed class RawCalls(HttpClient http, RawIds ids)
    {
        public async Task PostAsync(IReadOnlyList<string> keys, bool externalIds, CancellationToken ct)
        {
            var invoices = string.Join(",", keys.Select(k =>
                $$"""{"move_type":"out_invoice","company_id":{{ids.Company}},"journal_id":{{ids.Journal}},"partner_id":{{ids.Partner}},"invoice_date":"2026-11-30","ref":"{{k}}","invoice_line_ids":[[0,0,{"name":"Emergency visit","quantity":1,"price_unit":120.0,"account_id":{{ids.Account}},"tax_ids":[[6,0,[]]]}]]}"""));
            var created = await CallAsync("account.move/create", $$$"""{"vals_list":[{{{invoices}}}],"context":{"allowed_company_ids":[{{{ids.Company}}}]}}""", ct);
            var moveIds = created.AsArray().Select(n => n!.GetValue<long>()).ToList();
            if (externalIds)
            {
                var rows = string.Join(",", keys.Zip(moveIds, (k, id) => $$"""{"module":"actorsync","name":"{{k}}","model":"account.move","res_id":{{id}},"noupdate":true}"""));
                await CallAsync("ir.model.data/create", $$"""{"vals_list":[{{rows}}]}""", ct);
            }
            await CallAsync("account.move/action_post", $$$"""{"ids":[{{{string.Join(",", moveIds.Select(i => i.ToString(CultureInfo.InvariantCulture)))}}}],"context":{"allowed_company_ids":[{{{ids.Company}}}]}}""", ct);
        }

        private async Task<JsonNode> CallAsync(string path, string body, CancellationToken ct)
        {
            using var response = await http.PostAsync("json/2/" + path, new StringContent(body, Encoding.UTF8, "application/json"), ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return response.IsSuccessStatusCode ? JsonNode.Parse(text) ?? new JsonObject() : throw new InvalidOperationException($"{path}: HTTP {(int)response.StatusCode} {text}");
        }
    }
}
