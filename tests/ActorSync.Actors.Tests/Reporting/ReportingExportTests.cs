using ActorSync.Actors.Configuration;
using ActorSync.Actors.Tests.Sinks;
using Akka.Configuration;
using Xunit;

namespace ActorSync.Actors.Tests.Reporting;

/// <summary>The reporting workflow in batch: on its schedule a node writes the reconciliation of the last days as CSV files.</summary>
public sealed class ReportingExportTests
{
    [Fact]
    public async Task On_its_schedule_the_export_writes_the_days_reconciliation_with_the_posted_invoice()
    {
        await using var bed = await SinkTestBed.StartAsync();
        var exports = Directory.CreateTempSubdirectory("actorsync-exports-").FullName;
        try
        {
            // The sample invoices are dated 2026-03-14: a window of days that reaches back to it.
            var days = DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - new DateOnly(2026, 3, 14).DayNumber + 2;
            await bed.StartNodeAsync($$"""
                actorsync.reporting { enabled = on, mode = micro-batch, window = 1s, days = {{days}}, directory = "{{exports.Replace("\\", "/", StringComparison.Ordinal)}}" }
                """);
            await PostingSinkTests.IssueAsync(bed, "claim-rep", 410m);
            await bed.WaitForAsync(_ => bed.Where("account.move", "ref", "inv-nw-general-claim-rep").Any(m => Equals(m["state"], "posted")), "the invoice in Odoo");

            // An early run may find the invoice not yet posted (sources 410, ActorSync 0): wait for one that finds it in Odoo.
            var rows = await ExportedAsync(exports, "reconciliation-", csv => csv.Contains(",121000,410.00,410.00,410.00,yes", StringComparison.Ordinal));
            var lines = rows.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("legal_entity,day,department,account,sources,actorsync,odoo,matches", lines[0]);
            Assert.Contains(lines, l => l.StartsWith("northwind-health,2026-03-14,", StringComparison.Ordinal) && l.EndsWith(",410.00,410.00,410.00,yes", StringComparison.Ordinal));
            Assert.All(lines.Skip(1), l => Assert.EndsWith(",yes", l, StringComparison.Ordinal));
            Assert.StartsWith("kind,unexplained,", await ExportedAsync(exports, "differences-", csv => csv.Length > 0), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(exports, recursive: true);
        }
    }

    [Fact]
    public void A_relative_export_folder_is_in_the_nodes_data_folder()
    {
        var data = Path.Combine(Path.GetTempPath(), "actorsync-data");

        Assert.Equal(Path.Combine(data, "exports"), ReportingSettings.From(ConfigurationFactory.Empty, data).Directory);
        Assert.Equal(Path.Combine(data, "reports", "daily"), ReportingSettings.From(ConfigurationFactory.ParseString("actorsync.reporting.directory = reports/daily"), data).Directory);
        Assert.Equal("/srv/exports", ReportingSettings.From(ConfigurationFactory.ParseString("actorsync.reporting.directory = \"/srv/exports\""), data).Directory);
    }

    [Theory]
    [InlineData("actorsync.reporting.mode = weekly", "actorsync.reporting.mode 'weekly' is not daily, hourly or micro-batch")]
    [InlineData("actorsync.reporting.at = \"3am\"", "actorsync.reporting.at '3am' is not a time of day (HH:mm, UTC)")]
    [InlineData("actorsync.reporting.days = 0", "days must be at least 1")]
    public void A_mistake_in_the_export_schedule_is_named(string change, string message) =>
        Assert.Contains(message, Assert.Throws<ConfigurationProblem>(() => ReportingSettings.From(ConfigurationFactory.ParseString(change))).Message, StringComparison.Ordinal);

    private static async Task<string> ExportedAsync(string folder, string prefix, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var file = Directory.GetFiles(folder, prefix + "*.csv").Max();
            var text = file is null ? "" : await File.ReadAllTextAsync(file);
            if (done(text))
                return text;
            Assert.True(DateTime.UtcNow < deadline, $"no export with the invoice in {folder}: {text}");
            await Task.Delay(200);
        }
    }
}
