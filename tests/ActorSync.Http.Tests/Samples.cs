namespace ActorSync.Http.Tests;

/// <summary>FHIR the tests send: a Northwind encounter with its claim and payment, and single resources.</summary>
internal static class Samples
{
    public static string Encounter(string id, string organization = "Organization/nw-general", string status = "finished") => """
        {"resourceType":"Encounter","id":"@ID","status":"@STATUS","class":{"code":"EMER"},
         "period":{"start":"2026-03-14T09:00:00Z","end":"2026-03-14T11:00:00Z"},"serviceProvider":{"reference":"@ORG"}}
        """.Replace("@ID", id, StringComparison.Ordinal).Replace("@STATUS", status, StringComparison.Ordinal).Replace("@ORG", organization, StringComparison.Ordinal);

    /// <summary>Entries: 0 encounter, 1 claim, 2 EOB (accepted); 3 Observation (ignored); 4 unknown site (parked); 5 invalid date (rejected).</summary>
    public static string Bundle(string type, string suffix = "") => """
        {"resourceType":"Bundle","type":"@TYPE","entry":[
          {"fullUrl":"urn:uuid:e-1","resource":@ENC1},
          {"fullUrl":"urn:uuid:c-1","resource":{"resourceType":"Claim","id":"claim-1@SUFFIX","status":"active","type":{"coding":[{"code":"institutional"}]},
             "use":"claim","patient":{"reference":"urn:uuid:p-1"},"created":"2026-03-14T11:00:00Z","provider":{"reference":"Organization/nw-general"},
             "priority":{"coding":[{"code":"normal"}]},"insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Medicare"}}],
             "item":[{"sequence":1,"productOrService":{"text":"Emergency visit"},"encounter":[{"reference":"urn:uuid:e-1"}]},
                     {"sequence":2,"productOrService":{"text":"Sutures"},"net":{"value":80.5,"currency":"USD"}}],
             "total":{"value":240,"currency":"USD"}}},
          {"fullUrl":"urn:uuid:b-1","resource":{"resourceType":"ExplanationOfBenefit","id":"eob-1@SUFFIX","status":"active","type":{"coding":[{"code":"institutional"}]},
             "use":"claim","patient":{"reference":"urn:uuid:p-1"},"created":"2026-03-20T10:00:00Z","insurer":{"display":"Medicare"},
             "provider":{"reference":"Practitioner/1"},"claim":{"reference":"urn:uuid:c-1"},"outcome":"complete",
             "insurance":[{"focal":true,"coverage":{"display":"Medicare"}}],"payment":{"amount":{"value":250,"currency":"USD"}}}},
          {"fullUrl":"urn:uuid:o-1","resource":{"resourceType":"Observation","id":"obs-1","status":"final","code":{"text":"x"}}},
          {"fullUrl":"urn:uuid:e-2","resource":@ENC2},
          {"fullUrl":"urn:uuid:e-3","resource":{"resourceType":"Encounter","id":"enc-3@SUFFIX","status":"finished","class":{"code":"AMB"},"period":{"start":"2026-13-45"}}}]}
        """.Replace("@ENC1", Encounter("enc-1" + suffix), StringComparison.Ordinal).Replace("@ENC2", Encounter("enc-2" + suffix, "Organization/elsewhere"), StringComparison.Ordinal)
        .Replace("@TYPE", type, StringComparison.Ordinal).Replace("@SUFFIX", suffix, StringComparison.Ordinal);
}
