using System.Text.Json;

namespace ActorSync.Host.Tests;

/// <summary>
/// What each legal entity should hold in Odoo after the fixtures, worked out from the FHIR JSON
/// alone (not from ActorSync's mapping or journal): a claim is issued when it is a pharmacy claim or
/// an ExplanationOfBenefit names it; its amount follows docs/mapping.md's total rule; a paid EOB is
/// a payment of its amount in its claim's legal entity.
/// </summary>
internal sealed record FixtureRevenue(int Invoices, decimal InvoiceTotal, int Payments, decimal PaymentTotal)
{
    public static Dictionary<string, FixtureRevenue> PerLegalEntity(FixtureNetwork files)
    {
        var siteOf = SiteIndex(files);
        var claims = files.OfType("Claim").ToDictionary(c => c.GetProperty("id").GetString()!, c => c);
        var eobs = files.OfType("ExplanationOfBenefit").Select(e => (Claim: LastSegment(e.GetProperty("claim").GetProperty("reference").GetString()!), Eob: e)).ToList();
        var named = eobs.Select(e => e.Claim).ToHashSet();
        var result = FixtureNetwork.LegalEntities.ToDictionary(le => le.Id, _ => new FixtureRevenue(0, 0, 0, 0));
        string LegalEntityOf(JsonElement claim) => FixtureNetwork.LegalEntityOfSite(siteOf[Provider(claim)]);
        foreach (var (id, claim) in claims.Where(c => named.Contains(c.Key) || IsPharmacy(c.Value)))
        {
            var le = LegalEntityOf(claim);
            result[le] = result[le] with { Invoices = result[le].Invoices + 1, InvoiceTotal = result[le].InvoiceTotal + Amount(claim) };
        }
        foreach (var (claim, eob) in eobs)
        {
            if (!eob.TryGetProperty("payment", out var payment) || !payment.TryGetProperty("amount", out var amount) || amount.GetProperty("value").GetDecimal() <= 0)
                continue;
            var le = LegalEntityOf(claims[claim]);
            result[le] = result[le] with { Payments = result[le].Payments + 1, PaymentTotal = result[le].PaymentTotal + Math.Round(amount.GetProperty("value").GetDecimal(), 2) };
        }
        return result;
    }

    // Priced lines adding up to the total are the invoice; otherwise the first unpriced line carries the total.
    private static decimal Amount(JsonElement claim)
    {
        var nets = claim.GetProperty("item").EnumerateArray().Select(i => i.TryGetProperty("net", out var net) ? Math.Round(net.GetProperty("value").GetDecimal(), 2) : (decimal?)null).ToList();
        var priced = nets.Sum(n => n ?? 0);
        var total = Math.Round(claim.GetProperty("total").GetProperty("value").GetDecimal(), 2);
        return priced == total ? priced : total + priced;
    }

    private static bool IsPharmacy(JsonElement claim) =>
        claim.GetProperty("type").GetProperty("coding").EnumerateArray().Any(c => c.GetProperty("code").GetString() == "pharmacy");

    private static string Provider(JsonElement claim)
    {
        var reference = claim.GetProperty("provider").GetProperty("reference").GetString()!;
        return reference.Contains("?identifier=", StringComparison.Ordinal) ? reference[(reference.IndexOf('=') + 1)..] : reference;
    }

    // A site's index by each of its organizations' identifiers and by Organization/<id>, as FixtureNetwork numbers them.
    private static Dictionary<string, int> SiteIndex(FixtureNetwork files)
    {
        var index = new Dictionary<string, int>();
        foreach (var organization in files.OfType("Organization"))
        {
            var ids = organization.GetProperty("identifier").EnumerateArray().Select(i => $"{i.GetProperty("system").GetString()}|{i.GetProperty("value").GetString()}").ToList();
            var site = index.TryGetValue(ids[0], out var known) ? known : index.Values.DefaultIfEmpty(-1).Max() + 1;
            foreach (var id in ids.Append("Organization/" + organization.GetProperty("id").GetString()))
                index.TryAdd(id, site);
        }
        return index;
    }

    private static string LastSegment(string reference) => reference[(reference.LastIndexOfAny([':', '/']) + 1)..];
}
