namespace ActorSync.OdooSim.Tests;

/// <summary>A simulator like the recorded server: two companies, a storable product, a vendor, a department.</summary>
internal static class TwoCompanies
{
    public const string A = "ActorSync Hospital A Inc.";
    public const string B = "ActorSync Clinic B LLC";

    public static SimulatorOptions Options => new()
    {
        Companies = [new(A), new(B)],
        Users =
        [
            new("admin", "admin", OdooClient.AdminKey, Name: "Administrator"),
            new("hosp_a_api", "hospA-pw-123", "hosp-a-key", [A], "Hospital A API"),
        ],
        Products = [new("SAL-1", "Saline 0.9% 1L")],
        Partners = [new("Mercy Payer Insurance"), new("Surgical Supplies Co")],
        AnalyticAccounts = [new("Cardiology", A, "CARD"), new("Clinic B Lab", B)],
    };

    public static Task<OdooSimulator> StartAsync(SimulatorOptions? options = null) => OdooSimulator.StartAsync(options ?? Options);

    public static async Task<int> IdAsync(OdooClient client, string model, string domain) =>
        (int)(await client.CallAsync(model, "search", $"[{domain}]", """{"limit":1}"""))!.AsArray()[0]!;

    public static Task<int> PartnerAsync(OdooClient client) => IdAsync(client, "res.partner", """[["name","=","Mercy Payer Insurance"]]""");
    public static Task<int> AccountAsync(OdooClient client, int company, string code) =>
        IdAsync(client, "account.account", $$"""[["code","=","{{code}}"],["company_ids","in",[{{company}}]]]""");
    public static Task<int> JournalAsync(OdooClient client, int company, string code) =>
        IdAsync(client, "account.journal", $$"""[["code","=","{{code}}"],["company_id","=",{{company}}]]""");

    public static async Task<int> InvoiceAsync(OdooClient client, double price = 1000.0, string extra = "") =>
        await client.CreateAsync("account.move", $$"""
            {"move_type":"out_invoice","partner_id":{{await PartnerAsync(client)}},"invoice_date":"2026-11-29"{{extra}},
             "invoice_line_ids":[[0,0,{"name":"Room & board","quantity":1,"price_unit":{{price}}}]]}
            """);
}
