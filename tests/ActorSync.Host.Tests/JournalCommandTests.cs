using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary><c>actorsync journal events / export</c> and <c>actorsync trace</c> in-process, on a journal of imported generated data (see <see cref="JournalFixture"/>).</summary>
public sealed class JournalCommandTests(JournalFixture journal) : IClassFixture<JournalFixture>
{
    private string[] Data => ["--data-dir", journal.DataDir];

    [Fact]
    public async Task Export_writes_every_event_of_the_journal_once_as_a_json_line_without_parked_payloads()
    {
        var file = Path.Combine(journal.Work, "all.ndjson");

        var run = await InProcessCli.RunAsync(["journal", "export", "--out", file, "--json", .. Data]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var rows = journal.Query("SELECT persistence_id, sequence_nr, manifest FROM event_journal", r => (r.GetString(0), r.GetInt64(1), r.GetString(2)));
        var lines = (await File.ReadAllLinesAsync(file)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(rows.Count, lines.Count);
        Assert.Equal(rows.Order(), lines.Select(l => (l.GetProperty("persistenceId").GetString()!, l.GetProperty("sequenceNr").GetInt64(), l.GetProperty("manifest").GetString()!)).Order());
        Assert.Equal(lines.Select(l => l.GetProperty("offset").GetInt64()).Order(), lines.Select(l => l.GetProperty("offset").GetInt64()));
        Assert.Contains(lines, l => l.GetProperty("manifest").GetString() == "postings-delivered.v1");
        var registered = lines.First(l => l.GetProperty("manifest").GetString() == "encounter-registered.v1").GetProperty("event");
        Assert.StartsWith("pt-", registered.GetProperty("patientPseudonym").GetString(), StringComparison.Ordinal);
        var parked = Assert.Single(lines, l => l.GetProperty("manifest").GetString() == "input-parked.v1");
        Assert.StartsWith("[left out:", parked.GetProperty("event").GetProperty("payload").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(JournalFixture.ParkedPatient, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Contains($"Exported {rows.Count:N0} events", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(rows.Count, JsonDocument.Parse(run.Lines[^1]).RootElement.GetProperty("events").GetInt64());
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public async Task Events_of_one_persistence_id_come_in_sequence_order_with_their_content()
    {
        var id = journal.Query("SELECT persistence_id FROM event_journal WHERE manifest = 'invoice-issued.v1' ORDER BY ordering LIMIT 1", r => r.GetString(0)).Single();
        var expected = journal.Query($"SELECT manifest FROM event_journal WHERE persistence_id = '{id}' ORDER BY sequence_nr", r => r.GetString(0));

        var json = await InProcessCli.RunAsync(["journal", "events", "--persistence-id", id, "--json", .. Data]);
        var table = await InProcessCli.RunAsync(["journal", "events", "--persistence-id", id, .. Data]);

        Assert.Equal(0, json.ExitCode);
        var events = json.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(expected, events.Select(e => e.GetProperty("manifest").GetString()));
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => (long)i), events.Select(e => e.GetProperty("sequenceNr").GetInt64()));
        Assert.Equal(id, events.Select(e => e.GetProperty("persistenceId").GetString()).Distinct().Single());
        Assert.Contains(events, e => e.GetProperty("tags").EnumerateArray().Any(t => t.GetString()!.StartsWith("revenue@", StringComparison.Ordinal)));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"{expected.Count} events of 1 persistence ids", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("invoice-issued.v1", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_by_tag_and_by_time_range_are_those_the_journal_holds()
    {
        var tagged = journal.Query("SELECT COUNT(*) FROM event_journal WHERE tags LIKE '%;revenue@lakeside-hospital;%'", r => r.GetInt32(0)).Single();
        var times = journal.Query("SELECT timestamp FROM event_journal ORDER BY timestamp", r => r.GetInt64(0));
        var middle = times[times.Count / 2];
        var at = new DateTimeOffset(middle, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        var byTag = await InProcessCli.RunAsync(["journal", "events", "--tag", "revenue@lakeside-hospital", "--json", .. Data]);
        var from = await InProcessCli.RunAsync(["journal", "events", "--from", at, "--json", .. Data]);
        var to = await InProcessCli.RunAsync(["journal", "events", "--to", at, "--json", .. Data]);
        var limited = await InProcessCli.RunAsync(["journal", "events", "--from", at, "--limit", "3", "--json", .. Data]);
        var later = await InProcessCli.RunAsync(["journal", "events", "--from", "2999-01-01", .. Data]);

        Assert.True(tagged > 0);
        Assert.Equal(tagged, byTag.Lines.Count);
        Assert.Equal(times.Count(t => t >= middle), from.Lines.Count);
        Assert.Equal(times.Count(t => t < middle), to.Lines.Count);
        Assert.Equal(3, limited.Lines.Count);
        Assert.Equal(from.Lines.Take(3), limited.Lines);
        Assert.Equal(0, later.ExitCode);
        Assert.Contains("No events match", later.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_of_a_legal_entity_posting_per_invoice_is_traced_to_its_Odoo_invoice()
    {
        var invoice = journal.Query("SELECT persistence_id FROM event_journal WHERE manifest = 'invoice-issued.v1' AND persistence_id LIKE 'invoice|lakeside-hospital/%' ORDER BY ordering LIMIT 1", r => r.GetString(0)).Single();
        var claim = invoice["invoice|lakeside-hospital/".Length..];

        var trace = await TraceAsync($"Claim/{claim}");

        Assert.Contains(trace.GetProperty("events").EnumerateArray(), e => e.GetProperty("persistenceId").GetString() == invoice && e.GetProperty("event").GetString() == "invoice-drafted.v1");
        var posting = Assert.Single(trace.GetProperty("postings").EnumerateArray(), p => p.GetProperty("key").GetString() == $"inv-lakeside-hospital-{claim}");
        Assert.Equal("customer-invoice-posting", posting.GetProperty("kind").GetString());
        Assert.Equal("delivered", posting.GetProperty("status").GetString());
        Assert.Equal("account.move", posting.GetProperty("odooModel").GetString());
        Assert.Equal("lakeside-care/lakeside-hospital/revenue", posting.GetProperty("sink").GetString());
        Assert.StartsWith(invoice + "#", posting.GetProperty("causedBy").GetString(), StringComparison.Ordinal);
        // Odoo's own external id names the record the trace found.
        var xmlid = await ExternalIdAsync(posting.GetProperty("externalId").GetString()!);
        Assert.Equal(("account.move", posting.GetProperty("odooId").GetInt64()), (xmlid.GetProperty("model").GetString(), xmlid.GetProperty("res_id").GetInt64()));

        var table = await InProcessCli.RunAsync(["trace", $"Claim/{claim}", .. Data]);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"inv-lakeside-hospital-{claim}", table.Stdout, StringComparison.Ordinal);
        Assert.Contains($"account.move {posting.GetProperty("odooId").GetInt64()}", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encounter_is_traced_through_the_invoice_drafted_for_it_to_Odoo()
    {
        var (invoice, payload) = journal.Query("SELECT persistence_id, payload FROM event_journal WHERE manifest = 'invoice-drafted.v1' AND persistence_id IN (SELECT persistence_id FROM event_journal WHERE manifest = 'invoice-issued.v1') AND persistence_id LIKE 'invoice|lakeside-hospital/%' ORDER BY ordering LIMIT 1",
            r => (r.GetString(0), JsonDocument.Parse((byte[])r["payload"]).RootElement.Clone())).Single();
        var encounter = payload.GetProperty("encounter").GetProperty("encounter").GetString();

        var trace = await TraceAsync($"Encounter/{encounter}");

        Assert.All(trace.GetProperty("events").EnumerateArray(), e => Assert.StartsWith("encounter|", e.GetProperty("persistenceId").GetString(), StringComparison.Ordinal));
        Assert.Contains(invoice, trace.GetProperty("entities").EnumerateArray().Select(e => e.GetString()));
        var posting = Assert.Single(trace.GetProperty("postings").EnumerateArray(), p => p.GetProperty("key").GetString() == $"inv-{invoice["invoice|".Length..].Replace('/', '-')}");
        Assert.Equal("delivered", posting.GetProperty("status").GetString());
        Assert.True(posting.GetProperty("odooId").GetInt64() > 0);
    }

    [Fact]
    public async Task A_claim_of_a_legal_entity_posting_in_summary_is_traced_to_the_Odoo_entry_of_its_summary()
    {
        var invoice = journal.Query("SELECT persistence_id FROM event_journal WHERE manifest = 'invoice-issued.v1' AND persistence_id LIKE 'invoice|nw-general/%' ORDER BY ordering LIMIT 1", r => r.GetString(0)).Single();
        var claim = invoice["invoice|nw-general/".Length..];

        var trace = await TraceAsync($"Claim/{claim}");

        var posting = Assert.Single(trace.GetProperty("postings").EnumerateArray(), p => p.GetProperty("key").GetString() == $"inv-nw-general-{claim}");
        Assert.Equal("summarized", posting.GetProperty("status").GetString());
        Assert.Equal("delivered", posting.GetProperty("summaryStatus").GetString());
        var summary = posting.GetProperty("summarizedInto").GetString()!;
        Assert.Contains(journal.Query("SELECT payload FROM event_journal WHERE manifest = 'postings-summarized.v1'", r => Encoding.UTF8.GetString((byte[])r["payload"])),
            p => p.Contains($"inv-nw-general-{claim}", StringComparison.Ordinal) && p.Contains(summary, StringComparison.Ordinal));
        var xmlid = await ExternalIdAsync(posting.GetProperty("externalId").GetString()!);
        Assert.StartsWith("actorsync." + summary.Replace('-', '_'), posting.GetProperty("externalId").GetString(), StringComparison.Ordinal);
        Assert.Equal(("account.move", posting.GetProperty("odooId").GetInt64()), (xmlid.GetProperty("model").GetString(), xmlid.GetProperty("res_id").GetInt64()));
    }

    [Theory]
    [InlineData(1, "no events for persistence id 'invoice|nowhere/none'", "journal", "events", "--persistence-id", "invoice|nowhere/none")]
    [InlineData(1, "no event carries the tag 'revenue@nowhere'", "journal", "events", "--tag", "revenue@nowhere")]
    [InlineData(2, "--from yesterday is not a time", "journal", "events", "--from", "yesterday")]
    [InlineData(2, "--from 2026-02-01 must be before --to 2026-01-01", "journal", "export", "--out", "x.ndjson", "--from", "2026-02-01", "--to", "2026-01-01")]
    [InlineData(2, "give --persistence-id or --tag, not both", "journal", "events", "--tag", "financial", "--persistence-id", "invoice|a/b")]
    [InlineData(2, "'Claim' is not <type>/<id>", "trace", "Claim")]
    [InlineData(2, "no event in the journal comes from Claim/no-such-claim", "trace", "Claim/no-such-claim")]
    public async Task A_mistake_is_a_readable_message_and_an_exit_code(int exitCode, string message, params string[] args)
    {
        var run = await InProcessCli.RunAsync([.. args, .. Data]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_without_a_journal_is_exit_code_2_and_creates_nothing()
    {
        var empty = Path.Combine(journal.Work, "no-journal-here");

        var run = await InProcessCli.RunAsync("trace", "Claim/x", "--data-dir", empty);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("there is no journal at", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(empty));
    }

    private async Task<JsonElement> TraceAsync(string resource)
    {
        var run = await InProcessCli.RunAsync(["trace", resource, "--json", .. Data]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    private async Task<JsonElement> ExternalIdAsync(string fullName)
    {
        using var http = new HttpClient { BaseAddress = journal.Odoo };
        var records = await http.GetFromJsonAsync<JsonElement>("sim/records/ir.model.data");
        return records.EnumerateArray().Single(r => $"{r.GetProperty("module").GetString()}.{r.GetProperty("name").GetString()}" == fullName);
    }
}
