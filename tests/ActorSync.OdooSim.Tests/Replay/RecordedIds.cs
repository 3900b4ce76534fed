using System.Text.Json.Nodes;

namespace ActorSync.OdooSim.Tests.Replay;

/// <summary>
/// Maps the ids of the recorded server to the simulator's. Ids of records created during the replay
/// are learned from create answers; the few records the recordings take as given (chart accounts,
/// journals, locations, a vendor…) are looked up, or made, in the simulator the first time they are
/// needed.
/// </summary>
internal sealed class RecordedIds(OdooClient client)
{
    private readonly Dictionary<(string Model, long Id), int> _ids = [];

    public void Learn(string model, long recorded, int actual) => _ids[(model, recorded)] = actual;

    public async Task<int> ResolveAsync(string model, long recorded)
    {
        if (_ids.TryGetValue((model, recorded), out var known)) return known;
        var actual = await AnchorAsync(model, recorded)
            ?? throw new InvalidOperationException($"The replay cannot map recorded {model} id {recorded}");
        _ids[(model, recorded)] = actual;
        return actual;
    }

    private async Task<int?> AnchorAsync(string model, long id) => (model, id) switch
    {
        (_, >= 999_999) => (int)id, // a record that does not exist, on purpose
        ("res.company", 1) => 1,
        ("res.users", 2) => 2,
        ("res.users", 5) => await FirstAsync("res.users", """[["login","=","hosp_a_api"]]"""),
        ("res.currency", 1) => await FirstAsync("res.currency", """[["name","=","USD"]]"""),
        ("res.partner", 1) => await CompanyPartnerAsync(1),
        ("res.partner", 6) => await CompanyPartnerAsync(await ResolveAsync("res.company", 2)),
        ("res.partner", 14) => await client.CreateAsync("res.partner", """{"name":"Surgical Supplies Co r3","is_company":true}"""),
        ("res.partner", 24) => await client.CreateAsync("res.partner", """{"name":"Recursion Probe r3"}"""),
        ("account.journal", 1) => await JournalAsync(1, "INV"),
        ("account.journal", 3) => await JournalAsync(1, "MISC"),
        ("account.journal", 6) => await JournalAsync(1, "BNK1"),
        ("account.journal", 8) => await JournalAsync(await ResolveAsync("res.company", 2), "INV"),
        ("account.account", 5) => await AccountAsync(1, "121000"),
        ("account.account", 26) => await AccountAsync(1, "400000"),
        ("account.account", 76) => await AccountAsync(await ResolveAsync("res.company", 2), "400000"),
        ("stock.location", 5) => await StockAsync(1),
        ("stock.location", 17) => await FirstAsync("stock.location", """[["name","=","Consumption"],["company_id","=",1]]"""),
        ("stock.location", 20) => await StockAsync(await ResolveAsync("res.company", 2)),
        ("stock.picking.type", 2) => await FirstAsync("stock.picking.type", """[["code","=","outgoing"],["company_id","=",1]]"""),
        ("account.move", 14) => await LockDateEntryAsync(),
        _ => null,
    };

    private async Task<int> FirstAsync(string model, string domain) =>
        (int)(await client.CallAsync(model, "search", $"[{domain}]", """{"limit":1}"""))!.AsArray()[0]!;

    private async Task<int> CompanyPartnerAsync(int company) =>
        (int)(await client.CallAsync("res.company", "read", $"[[{company}]]", """{"fields":["partner_id"]}"""))![0]!["partner_id"]![0]!;

    private Task<int> JournalAsync(int company, string code) =>
        FirstAsync("account.journal", $$"""[["code","=","{{code}}"],["company_id","=",{{company}}]]""");

    private Task<int> AccountAsync(int company, string code) =>
        FirstAsync("account.account", $$"""[["code","=","{{code}}"],["company_ids","in",[{{company}}]]]""");

    private async Task<int> StockAsync(int company) =>
        (int)(await client.CallAsync("stock.warehouse", "search_read", $$"""[[["company_id","=",{{company}}]]]""", """{"fields":["lot_stock_id"]}"""))![0]!["lot_stock_id"]![0]!;

    /// <summary>The recording posted an entry dated into a locked period (moved to 2021-01-31); here it is simply dated so.</summary>
    private async Task<int> LockDateEntryAsync()
    {
        var (receivable, sales, misc) = (await AccountAsync(1, "121000"), await AccountAsync(1, "400000"), await JournalAsync(1, "MISC"));
        return await client.CreateAsync("account.move", $$"""
            {"move_type":"entry","journal_id":{{misc}},"date":"2021-01-31","ref":"LOCK-r3",
             "line_ids":[[0,0,{"account_id":{{receivable}},"debit":10.0}],[0,0,{"account_id":{{sales}},"credit":10.0}]]}
            """);
    }

    public static bool IsId(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out _);
}
