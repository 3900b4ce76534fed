using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;
using ActorSync.Domain.LegalEntities;

namespace ActorSync.Actors.Tests.Support;

/// <summary>Canonical values tests build commands and events from.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset At = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);
    public static readonly SiteId Site = new("nw-general");
    public static readonly LegalEntityId LegalEntity = new("northwind-health");
    public static readonly DepartmentId Emergency = new("emergency");
    public static readonly EncounterKey Encounter = new(Site, new EncounterId("enc-1"));
    public static readonly InvoiceKey Invoice = new(Site, new InvoiceId("claim-1"));
    public static readonly ItemKey Item = new(Site, new ItemId("706437002"));

    public static SourceStamp Stamp(string type = "Encounter", string id = "enc-1", long version = 1, string part = "") =>
        new(new SourceId("ehr-north"), type, id, version, $"sha-{type}-{id}-{version}", At, part);

    public static Money Usd(decimal amount) => Money.Of(amount, Currency.Usd);

    public static ChargeLine Charge(string id, decimal amount) =>
        new(id, "99213", "Office visit", 1m, Usd(amount), Emergency, At);

    public static RecordEncounter RecordEncounter(EncounterStatus status = EncounterStatus.InProgress, long version = 1, EncounterKey? key = null) =>
        new(key ?? Encounter, LegalEntity, status, "AMB", new Period(At, status == EncounterStatus.Finished ? At.AddHours(1) : null),
            Emergency, "Room 4", "pseudo-7f3a", Stamp(id: (key ?? Encounter).Encounter.Value, version: version));

    public static CaptureCharge CaptureCharge(string chargeId, decimal amount, long version = 1, EncounterKey? key = null) =>
        new(key ?? Encounter, Charge(chargeId, amount), Stamp("ChargeItem", chargeId, version));

    public static LegalEntityProfile Profile() => new(
        "Northwind Health Partners", "Northwind Health Partners", Currency.Usd,
        [new SiteProfile(Site, "Northwind General", [new DepartmentProfile(Emergency, "Emergency", "NW Emergency")])],
        new AccountMapping("121000", "400000", "400100", "400200", "600000", "INV", "BNK1", "MISC"),
        [new ProductMapping(new ItemId("706437002"), "ACT-SUP-GLOVES", new UnitConversion(new Unit("box"), new Unit("each"), 100m), 500m, 2000m, "MedSupply Co")],
        new PostingRules(PostingGranularity.Summary, Usd(25000m), true));

    public static InvoiceLine Line(string id, decimal amount) => new(id, "99213", "Office visit", 1m, Usd(amount), Emergency);
}
