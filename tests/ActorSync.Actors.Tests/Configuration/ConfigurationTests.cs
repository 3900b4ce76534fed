using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using ActorSync.Domain.Common;
using ActorSync.Domain.LegalEntities;
using Akka.Configuration;
using Xunit;

namespace ActorSync.Actors.Tests.Configuration;

public sealed class ConfigurationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void The_sample_network_has_two_legal_entities_three_sites_and_their_mappings()
    {
        var (_, storage, network) = ActorSyncNode.LoadConfiguration(TestNodes.Sqlite(_folder.Path));

        Assert.Equal(StorageKind.Sqlite, storage.Kind);
        Assert.Equal(Path.Combine(_folder.Path, "actorsync.db"), storage.SqliteFile);
        Assert.Equal(2, network.LegalEntities.Count);
        var sites = network.LegalEntities.Values.SelectMany(e => e.Sites).ToList();
        Assert.Equal(3, sites.Count);
        Assert.All(sites.SelectMany(s => s.Departments), d => Assert.False(string.IsNullOrWhiteSpace(d.AnalyticAccount)));
        var northwind = network.LegalEntities[new LegalEntityId("northwind-health")];
        Assert.Equal(PostingGranularity.Summary, northwind.Rules.Granularity);
        Assert.Equal(Money.Of(25000m, Currency.Usd), northwind.Rules.ApprovalThreshold);
        var gloves = Assert.Single(northwind.Products, p => p.Item == new ItemId("706437002"));
        Assert.Equal(100m, gloves.Conversion.Factor);
        Assert.Equal(new LegalEntityId("lakeside-care"), network.LegalEntityOf(new SiteId("lakeside-hospital")));
    }

    [Fact]
    public void The_sample_network_routes_fhir_organizations_locations_and_classes_to_sites_and_departments()
    {
        var (_, _, network) = ActorSyncNode.LoadConfiguration(TestNodes.Sqlite(_folder.Path));
        var directory = network.Directory();

        var er = directory.Resolve("Organization?identifier=http://hl7.org/fhir/sid/us-npi|1013100001", null, "EMER", out _);
        Assert.Equal((new SiteId("nw-general"), new LegalEntityId("northwind-health"), new DepartmentId("emergency")), (er!.Site, er.LegalEntity, er.Department));
        var surgery = directory.Resolve(null, "Location/nw-general-or", "IMP", out _);
        Assert.Equal(new DepartmentId("surgery"), surgery!.Department);
        Assert.Equal(new SiteId("lakeside-hospital"), directory.Resolve("Organization/lakeside-hospital", null, null, out _)!.Site);
        Assert.Equal(new Unit("box"), directory.SourceUnit(new SiteId("nw-clinic"), new ItemId("706437002")));
        Assert.Null(directory.Resolve("Organization/somewhere-else", null, null, out var reason));
        Assert.Contains("not a site of the network", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accounts.receivable = \"\"", "actorsync.network.legal-entities.acme.accounts.receivable is missing")]
    [InlineData("currency = XYZ", "actorsync.network.legal-entities.acme.currency")]
    [InlineData("sites.main.departments.er.analytic-account = \"\"", "actorsync.network.legal-entities.acme.sites.main.departments.er.analytic-account is missing")]
    [InlineData("products.\"123\".factor = lots", "actorsync.network.legal-entities.acme.products.123.factor = 'lots' is not a number")]
    [InlineData("posting.granularity = sometimes", "actorsync.network.legal-entities.acme.posting.granularity")]
    public void A_bad_network_key_is_named_in_the_error(string change, string expected)
    {
        var problem = Assert.Throws<ConfigurationProblem>(() => NetworkSettings.From(Network(change)));
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_claimed_by_two_legal_entities_is_refused()
    {
        var config = Network("", "acme").WithFallback(Network("", "other"));
        var problem = Assert.Throws<ConfigurationProblem>(() => NetworkSettings.From(config));
        Assert.Contains("site main belongs to more than one legal entity", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_storage_kind_or_missing_file_is_a_configuration_problem()
    {
        var kind = Assert.Throws<ConfigurationProblem>(() => StorageSettings.From(ConfigurationFactory.ParseString("actorsync.storage.kind = oracle")));
        Assert.Contains("actorsync.storage.kind = 'oracle'", kind.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<ConfigurationProblem>(() => ActorSyncNode.LoadConfiguration(TestNodes.Sqlite(_folder.Path) with { ConfigFiles = ["no-such.conf"] }));
        Assert.Contains("no-such.conf does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("actorsync.entities.snapshot-every = 0", "actorsync.entities.snapshot-every = 0 must be positive")]
    [InlineData("actorsync.entities.snapshot-every = lots", "actorsync.entities.snapshot-every = 'lots' is not a whole number")]
    [InlineData("actorsync.entities.ask-timeout = soon", "actorsync.entities.ask-timeout = 'soon' is not a duration")]
    [InlineData("akka.persistence.journal.sql.group-commit.max-rows-per-transaction = -5", "akka.persistence.journal.sql.group-commit.max-rows-per-transaction = -5")]
    public void Node_settings_are_checked_at_start_with_the_key_in_the_message(string hocon, string expected)
    {
        var problem = Assert.Throws<ConfigurationProblem>(() => ActorSyncNode.LoadConfiguration(TestNodes.Sqlite(_folder.Path, hocon + "\n")));
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Later_config_files_win_over_the_defaults()
    {
        Directory.CreateDirectory(_folder.Path);
        var file = Path.Combine(_folder.Path, "override.conf");
        File.WriteAllText(file, "actorsync.entities.snapshot-every = 7\nactorsync.storage.sqlite.file = other.db");
        var (config, storage, _) = ActorSyncNode.LoadConfiguration(TestNodes.Sqlite(_folder.Path) with { ConfigFiles = [file] });
        Assert.Equal(7, config.GetInt("actorsync.entities.snapshot-every"));
        Assert.EndsWith("other.db", storage.SqliteFile, StringComparison.Ordinal);
        Assert.Equal(storage.ConnectionString, config.GetString("akka.persistence.journal.sharding.connection-string"));
    }

    private static Config Network(string change, string id = "acme") => ConfigurationFactory.ParseString($$"""
        actorsync.network.legal-entities.{{id}} {
          name = "Acme Health", odoo-company = "Acme Health", currency = USD
          accounts { receivable = "121000", revenue = "400000", contractual-allowance = "400100", write-off = "400200",
                     inventory-consumption = "600000", sales-journal = INV, bank-journal = BNK1, general-journal = MISC }
          posting { granularity = detail }
          sites.main { name = "Main", departments.er { name = "ER", analytic-account = "ACME ER" } }
          products."123" { product = P123, unit = box, erp-unit = each, factor = 10 }
        }
        {{(change.Length == 0 ? "" : $"actorsync.network.legal-entities.{id}.{change}")}}
        """);

    public void Dispose() => _folder.Dispose();
}
