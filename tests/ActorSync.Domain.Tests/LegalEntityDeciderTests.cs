using ActorSync.Domain.Common;
using ActorSync.Domain.LegalEntities;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class LegalEntityDeciderTests
{
    private static readonly LegalEntityId _id = new("le-north");
    private static readonly SiteId _north = new("site-north");
    private static readonly SiteId _east = new("site-east");

    private static readonly AccountMapping _accounts = new("121000", "400000", "450000", "455000", "610000", "INV", "BNK1", "MISC");

    private static DepartmentProfile Department(string id, string analytic = "AA-") =>
        new(new DepartmentId(id), id, analytic == "AA-" ? $"AA-{id}" : analytic);

    private static SiteProfile Site(SiteId id, params DepartmentProfile[] departments) => new(id, $"Hospital {id}", departments);

    private static ProductMapping Product(string item, decimal factor = 10m) =>
        new(new ItemId(item), $"ERP-{item}", new UnitConversion(new Unit("box"), new Unit("each"), factor), 20m, 100m, "vendor-medline");

    private static LegalEntityProfile ValidProfile() => new(
        "North Health Ltd",
        "North Health",
        Currency.Usd,
        [Site(_north, Department("cardiology"), Department("radiology")), Site(_east, Department("cardiology"))],
        _accounts,
        [Product("gauze-10x10"), Product("syringe-5ml")],
        new PostingRules(PostingGranularity.Detail, Money.Of(10_000m, Currency.Usd), ApproveSummaryBatches: true));

    private static ConfigureLegalEntity Configure(LegalEntityProfile profile, long version = 1, string? content = null) =>
        new(_id, profile, TestStamps.Of("NetworkConfig", "le-north", version, content));

    [Fact]
    public void Valid_profile_is_configured()
    {
        var entity = Scenarios.LegalEntity();
        var profile = ValidProfile();

        var configured = Assert.IsType<LegalEntityConfigured>(DecisionAssert.AcceptedOne(entity.When(Configure(profile))));

        Assert.Equal(_id, configured.Id);
        Assert.Same(profile, entity.State.Profile);
        Assert.Equal(_id, entity.State.Id);
        Assert.True(entity.State.OwnsSite(_north));
        Assert.True(entity.State.OwnsSite(_east));
        Assert.False(entity.State.OwnsSite(new SiteId("site-south")));
    }

    [Fact]
    public void Profile_without_an_approval_threshold_is_valid()
    {
        var profile = ValidProfile() with { Rules = new PostingRules(PostingGranularity.Summary, null, false) };

        Assert.Null(LegalEntityDecider.Validate(profile));
    }

    [Fact]
    public void Newer_version_with_a_changed_profile_replaces_it()
    {
        var entity = Scenarios.LegalEntity().Given(Configure(ValidProfile()));
        var changed = ValidProfile() with { Sites = [Site(_north, Department("cardiology"))] };

        Assert.IsType<LegalEntityConfigured>(DecisionAssert.AcceptedOne(entity.When(Configure(changed, version: 2))));
        Assert.Same(changed, entity.State.Profile);
        Assert.False(entity.State.OwnsSite(_east));
    }

    [Fact]
    public void Site_listed_twice_is_rejected()
    {
        var entity = Scenarios.LegalEntity();
        var profile = ValidProfile() with { Sites = [Site(_north, Department("cardiology")), Site(_north, Department("radiology"))] };

        DecisionAssert.Rejected(entity.When(Configure(profile)), "site site-north", "more than once");
        Assert.Null(entity.State.Profile);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Department_without_an_analytic_account_is_rejected(string analytic)
    {
        var profile = ValidProfile() with { Sites = [Site(_north, Department("cardiology"), Department("radiology", analytic))] };

        DecisionAssert.Rejected(Scenarios.LegalEntity().When(Configure(profile)), "department radiology", "site-north", "analytic account");
    }

    [Fact]
    public void Department_listed_twice_at_a_site_is_rejected()
    {
        var profile = ValidProfile() with { Sites = [Site(_east, Department("cardiology"), Department("cardiology"))] };

        DecisionAssert.Rejected(Scenarios.LegalEntity().When(Configure(profile)), "department cardiology", "site-east", "more than once");
    }

    [Fact]
    public void Same_department_at_two_sites_is_allowed()
    {
        var profile = ValidProfile() with { Sites = [Site(_north, Department("cardiology")), Site(_east, Department("cardiology"))] };

        Assert.Null(LegalEntityDecider.Validate(profile));
    }

    [Fact]
    public void Approval_threshold_in_another_currency_is_rejected()
    {
        var profile = ValidProfile() with { Rules = new PostingRules(PostingGranularity.Detail, Money.Of(10_000m, Currency.Eur), true) };

        DecisionAssert.Rejected(Scenarios.LegalEntity().When(Configure(profile)), "approval threshold", "EUR", "USD");
    }

    [Fact]
    public void Profile_without_sites_is_rejected()
    {
        DecisionAssert.Rejected(Scenarios.LegalEntity().When(Configure(ValidProfile() with { Sites = [] })), "at least one site");
    }

    [Fact]
    public void Profile_without_a_name_or_odoo_company_is_rejected()
    {
        DecisionAssert.Rejected(Scenarios.LegalEntity().When(Configure(ValidProfile() with { Name = " " })), "name");
        DecisionAssert.Rejected(Scenarios.LegalEntity().When(Configure(ValidProfile() with { OdooCompany = "" })), "Odoo company");
    }

    [Fact]
    public void Item_mapped_twice_is_rejected()
    {
        var profile = ValidProfile() with { Products = [Product("gauze-10x10"), Product("gauze-10x10", factor: 12m)] };

        DecisionAssert.Rejected(Scenarios.LegalEntity().When(Configure(profile)), "item gauze-10x10", "more than once");
    }

    [Fact]
    public void Product_with_a_non_positive_conversion_factor_is_rejected()
    {
        var profile = ValidProfile() with { Products = [Product("gauze-10x10", factor: 0m)] };

        DecisionAssert.Rejected(Scenarios.LegalEntity().When(Configure(profile)), "item gauze-10x10", "non-positive");
    }

    [Fact]
    public void Exact_duplicate_is_acknowledged_without_new_events()
    {
        var profile = ValidProfile();
        var entity = Scenarios.LegalEntity().Given(Configure(profile));
        var before = entity.State;

        DecisionAssert.Duplicate(entity.When(Configure(profile)));
        Assert.Same(before, entity.State);
    }

    [Fact]
    public void Older_version_is_out_of_order_and_changes_nothing()
    {
        var current = ValidProfile();
        var entity = Scenarios.LegalEntity().Given(Configure(current, version: 5));

        DecisionAssert.OutOfOrder(entity.When(Configure(ValidProfile() with { Name = "Old name" }, version: 4)), stale: 4, applied: 5);
        Assert.Same(current, entity.State.Profile);
    }

    [Fact]
    public void Same_version_with_different_content_is_rejected_as_a_conflict()
    {
        var current = ValidProfile();
        var entity = Scenarios.LegalEntity().Given(Configure(current, content: "sha-1"));

        DecisionAssert.Rejected(entity.When(Configure(ValidProfile() with { Name = "Renamed" }, content: "sha-2")), "different content");
        Assert.Same(current, entity.State.Profile);
    }

    [Fact]
    public void Newer_version_with_the_same_profile_records_only_the_version()
    {
        var entity = Scenarios.LegalEntity().Given(Configure(ValidProfile()));
        var same = Configure(ValidProfile(), version: 2);

        DecisionAssert.VersionOnly(entity.When(same), same.Stamp);
    }
}
