using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Sinks;
using ActorSync.Host.Demo;
using ActorSync.Http.Management;
using Akka.Configuration;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// The operator palette, run as its own process against a node's management API: a node (SQLite,
/// the Odoo simulator) that has taken a generated day, with operators of each role. Northwind's
/// summary entries wait for approval, so approving one is seen end to end, with who approved.
/// </summary>
public sealed class PaletteCommandTests : IAsyncLifetime
{
    private const string Viewer = "viewer-token-0123456789abcdef";
    private const string Approver = "approver-token-0123456789abcdef";
    private const string Operator = "operator-token-0123456789abcdef";
    private readonly string _work = Directory.CreateTempSubdirectory("actorsync-palette-").FullName;
    private DemoOdoo? _odoo;
    private ActorSyncNode? _node;
    private ManagementServer? _management;

    public async Task InitializeAsync()
    {
        var options = new DemoOptions { DataDir = Path.Combine(_work, "data"), HoconFolder = HoconFiles.DefaultFolder(), EncountersPerDay = 6 };
        Directory.CreateDirectory(options.DataDir);
        var config = HoconFiles.Load(options.HoconFolder, []);
        var input = await DemoInput.PrepareAsync(options, NetworkSettings.From(config), default);
        _odoo = await DemoOdoo.StartAsync(options, config, NetworkSettings.From(config), default);
        _node = await ActorSyncNode.StartAsync(new NodeOptions
        {
            DataDir = options.DataDir, HoconFolder = options.HoconFolder, SeedNetwork = true,
            Overrides = _odoo.Settings.WithFallback(ConfigurationFactory.ParseString($$"""
                akka.loglevel = WARNING
                akka.remote.dot-netty.tcp.port = 0
                actorsync.sinks.workflows.accounting { mode = micro-batch, window = 200ms }
                actorsync.management {
                  port = 0
                  operators {
                    watcher { roles = [viewer], credential-sha256 = "{{Convert.ToHexString(SourceSettings.Hash(Viewer))}}" }
                    finance-lead { roles = [approver], credential-sha256 = "{{Convert.ToHexString(SourceSettings.Hash(Approver))}}" }
                    ops { roles = [viewer, operator], credential-sha256 = "{{Convert.ToHexString(SourceSettings.Hash(Operator))}}" }
                  }
                }
                """)),
        });
        // Started before anything happens, as a node starts it: instruments count only while someone listens.
        _management = await ManagementServer.StartAsync(_node);
        foreach (var feed in input.Feeds)
            await Commands.FileImport.IntoNodeAsync(_node, feed.Files, new Domain.Common.SourceId("palette-test"), new Fhir.Mapping.SiteResolution(feed.Site!.Value, _node.Network.LegalEntityOf(feed.Site.Value)!.Value, null), 16, default);
        Assert.True((await SinkProgress.WaitUntilIdleAsync(_node, TimeSpan.FromMinutes(3), null, default)).Idle);
    }

    [Fact]
    public async Task Operators_see_the_cluster_sinks_and_approvals_and_only_an_approver_approves()
    {
        var cluster = await PaletteAsync(Viewer, "cluster", "show");
        Assert.Equal(0, cluster.Exit);
        Assert.Contains("Up", cluster.Stdout);
        Assert.Contains("leader:", cluster.Stdout);

        var sinks = Json(await PaletteAsync(Viewer, "sinks", "status", "--json"));
        Assert.Equal(SinkEntity.All(_node!.Network).Count, sinks.GetProperty("sinks").GetArrayLength());
        Assert.Contains(sinks.GetProperty("sinks").EnumerateArray(), s => s.GetProperty("delivered").GetInt64() > 0);
        var general = Json(await PaletteAsync(Viewer, "sinks", "status", "--site", "nw-general", "--json")).GetProperty("sinks").EnumerateArray().Select(s => s.GetProperty("sinkId").GetString()!).ToList();
        Assert.Equal(SinkEntity.All(_node.Network).Count(k => k.Site.Value == "nw-general"), general.Count);
        Assert.All(general, id => Assert.Contains("/nw-general/", id, StringComparison.Ordinal));
        var lakeside = Json(await PaletteAsync(Viewer, "sinks", "status", "--legal-entity", "lakeside-care", "--json")).GetProperty("sinks").EnumerateArray().Select(s => s.GetProperty("sinkId").GetString()!).ToList();
        Assert.Equal(SinkEntity.All(_node.Network).Count(k => k.LegalEntity.Value == "lakeside-care"), lakeside.Count);
        Assert.All(lakeside, id => Assert.StartsWith("lakeside-care/", id, StringComparison.Ordinal));
        var nowhere = await PaletteAsync(Viewer, "sinks", "status", "--site", "nowhere");
        Assert.Equal((2, true), (nowhere.Exit, nowhere.Stderr.Contains("nowhere is not a site of the network", StringComparison.Ordinal)));

        var staged = Json(await PaletteAsync(Viewer, "approvals", "list", "--json")).GetProperty("postings").EnumerateArray()
            .Select(p => p.GetProperty("key").GetString()!).ToList();
        // A day's invoices that reach the sink in two waves make two summaries (a busy machine): all of them wait.
        var summaries = staged.Where(k => k.StartsWith("sum-nw-general-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(summaries);
        var summary = summaries[0];

        var refused = await PaletteAsync(Viewer, "approvals", "approve", summary);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("does not have the approver role", refused.Stderr);
        var unknown = await PaletteAsync("not-a-token-of-anyone-at-all", "approvals", "list");
        Assert.Equal((2, true), (unknown.Exit, unknown.Stderr.Contains("401", StringComparison.Ordinal)));

        foreach (var each in summaries)
        {
            var approved = await PaletteAsync(Approver, "approvals", "approve", each);
            Assert.True(approved.Exit == 0, approved.Stdout + approved.Stderr);
        }
        Assert.True((await SinkProgress.WaitUntilIdleAsync(_node, TimeSpan.FromMinutes(2), null, default)).Idle);
        var left = (await PaletteAsync(Viewer, "approvals", "list")).Stdout;
        Assert.All(summaries, each => Assert.DoesNotContain(each, left));

        var reconcile = await PaletteAsync(Viewer, "reconcile", "--legal-entity", "northwind-health", "--date", "2026-01-05");
        Assert.True(reconcile.Exit == 0, reconcile.Stderr);
        Assert.True(reconcile.Stdout.Contains("northwind-health", StringComparison.Ordinal), reconcile.Stdout);
        Assert.DoesNotContain("lakeside-care", reconcile.Stdout);
        var report = Output.ReconciliationOutput.Read(Json(await PaletteAsync(Viewer, "reconcile", "--legal-entity", "northwind-health", "--date", "2026-01-05", "--json")));
        Assert.Equal(0, report.Unexplained);
        Assert.NotEmpty(report.Rows);
        Assert.All(report.Rows, r => Assert.Equal(("northwind-health", new DateOnly(2026, 1, 5)), (r.LegalEntity.Value, r.Day)));
        // The approved summary is in Odoo now: the revenue rows match.
        Assert.All(report.Rows.Where(r => r.Account == "400000" && r.Department != "-"), r => Assert.True(r.Matches, $"{r}"));
    }

    [Fact]
    public async Task Entities_shard_stats_and_the_exception_queue_are_readable_and_mistakes_say_so()
    {
        var entity = await PaletteAsync(Viewer, "entity", "show", "legal-entity", "northwind-health");
        Assert.True(entity.Exit == 0, entity.Stderr);
        Assert.Contains("legal-entity-configured", entity.Stdout);
        var missing = await PaletteAsync(Viewer, "entity", "events", "invoice", "nw-general/no-such-claim");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("has no events", missing.Stderr);

        var shards = Json(await PaletteAsync(Viewer, "cluster", "sharding", "shard-stats", "posting-sink", "--json"));
        Assert.Equal(SinkEntity.All(_node!.Network).Count, shards.GetProperty("shards").EnumerateArray().Sum(s => s.GetProperty("entities").GetInt32()));
        var badType = await PaletteAsync(Viewer, "cluster", "sharding", "region-stats", "patients");
        Assert.Equal(2, badType.Exit);

        var exceptions = await PaletteAsync(Viewer, "exceptions", "list");
        Assert.Equal(0, exceptions.Exit);
        Assert.Contains("0 postings", exceptions.Stdout);
        var notParked = await PaletteAsync(Approver, "exceptions", "retry", "inv-nowhere");
        Assert.Equal(2, notParked.Exit);
        Assert.DoesNotContain("   at ", notParked.Stderr);
    }

    [Fact]
    public async Task Parked_input_is_listed_retried_once_what_it_waited_for_arrived_and_discarded_with_a_reason()
    {
        var source = new Domain.Common.SourceId("palette-test");
        // What the FHIR endpoint uses: the node's one session of the source; and one from before a restart, whose waiting list is gone.
        var session = await Http.Fhir.SourceSessions.Of(_node!).For(new SourceSettings(source, null, null, null));
        var before = await Actors.Ingest.IngestSession.StartAsync(_node!, source, null, 16);
        static Fhir.Parsing.BundleEntry Entry(string json) => new(0, null, System.Text.Encoding.UTF8.GetBytes(json), null, null);
        static Fhir.Parsing.BundleEntry Eob(string id, string claim) => Entry("""
            {"resourceType":"ExplanationOfBenefit","id":"EOB_ID","status":"active","type":{"coding":[{"code":"professional"}]},"use":"claim",
             "patient":{"reference":"Patient/p-late"},"created":"2026-01-06T10:00:00Z","insurer":{"display":"Medicare"},"provider":{"reference":"Practitioner/1"},
             "claim":{"reference":"Claim/CLAIM_ID"},"outcome":"complete","insurance":[{"focal":true,"coverage":{"display":"Medicare"}}],
             "payment":{"amount":{"value":60,"currency":"USD"}}}
            """.Replace("EOB_ID", id, StringComparison.Ordinal).Replace("CLAIM_ID", claim, StringComparison.Ordinal));
        static Fhir.Parsing.BundleEntry Claim(string id) => Entry("""
            {"resourceType":"Claim","id":"CLAIM_ID","status":"active","type":{"coding":[{"code":"professional"}]},"use":"claim",
             "patient":{"reference":"Patient/p-late"},"created":"2026-01-05T10:00:00Z","provider":{"reference":"Organization/nw-general"},
             "priority":{"coding":[{"code":"normal"}]},"insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Medicare"}}],
             "item":[{"sequence":1,"productOrService":{"text":"Visit"},"net":{"value":100,"currency":"USD"}}],"total":{"value":100,"currency":"USD"}}
            """.Replace("CLAIM_ID", id, StringComparison.Ordinal));
        JsonElement InputOf(JsonElement list, string key) => Assert.Single(list.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("key").GetString() == key);

        // Parked before a restart; its claim arrives after it: an operator retries what waited for it.
        const string Key = "palette-test|ExplanationOfBenefit/eob-late";
        Assert.Equal(1, (await before.IngestAsync([Eob("eob-late", "claim-late")])).Counts.Parked);
        Assert.Contains("Claim/claim-late is not known yet", InputOf(Json(await PaletteAsync(Viewer, "inputs", "list", "--json")), Key).GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await session.IngestAsync([Claim("claim-late")])).Counts.Accepted);
        Assert.Equal(2, (await PaletteAsync(Viewer, "inputs", "retry", "--reason", "is not known yet")).Exit);
        var retried = await PaletteAsync(Operator, "inputs", "retry", "--reason", "is not known yet");
        Assert.True(retried.Exit == 0, retried.Stderr);
        Assert.Contains("went through", retried.Stdout, StringComparison.Ordinal);
        var invoice = (await _node!.GetStateAsync(Actors.Entities.EntityTypes.Invoice, "nw-general/claim-late")).StateAs<Domain.Invoices.InvoiceState>();
        Assert.Equal(Domain.Invoices.InvoiceStatus.Issued, invoice.Status);
        Assert.DoesNotContain(Json(await PaletteAsync(Viewer, "inputs", "list", "--json")).GetProperty("inputs").EnumerateArray(), i => i.GetProperty("key").GetString() == Key);
        var closed = InputOf(Json(await PaletteAsync(Viewer, "inputs", "list", "--all", "--json")), Key);
        Assert.Equal(("resolved", "ops"), (closed.GetProperty("status").GetString(), closed.GetProperty("closedBy").GetString()));

        // Parked in this session: a retry before the claim is refused, and the claim's arrival lets it in by itself.
        const string Waiting = "palette-test|ExplanationOfBenefit/eob-late-2";
        Assert.Equal(1, (await session.IngestAsync([Eob("eob-late-2", "claim-late-2")])).Counts.Parked);
        var tooEarly = await PaletteAsync(Operator, "inputs", "retry", Waiting);
        Assert.Equal(1, tooEarly.Exit);
        Assert.Contains("still parked", tooEarly.Stderr + tooEarly.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, (await session.IngestAsync([Claim("claim-late-2")])).Counts.Accepted);
        var resolved = InputOf(Json(await PaletteAsync(Viewer, "inputs", "list", "--all", "--json")), Waiting);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.StartsWith("actorsync", resolved.GetProperty("closedBy").GetString(), StringComparison.Ordinal);

        Assert.Equal(1, (await session.IngestAsync([Entry("""{"resourceType":"Encounter","id":"enc-bad","status":"finished","class":{"code":"AMB"},"period":{"start":"2026-13-45"}}""")])).Counts.Rejected);
        const string Bad = "palette-test|Encounter/enc-bad";
        // The payload carries patient references: operators see it, viewers do not.
        Assert.Equal(2, (await PaletteAsync(Viewer, "inputs", "show", Bad)).Exit);
        var shown = Json(await PaletteAsync(Operator, "inputs", "show", Bad, "--json"));
        Assert.Contains("2026-13-45", shown.GetProperty("payload").GetString(), StringComparison.Ordinal);
        var discarded = await PaletteAsync(Operator, "inputs", "discard", Bad, "--reason", "the EHR resent it corrected");
        Assert.True(discarded.Exit == 0, discarded.Stderr);
        var again = await PaletteAsync(Operator, "inputs", "discard", Bad, "--reason", "twice");
        Assert.Equal(1, again.Exit);
        var gone = Assert.Single(Json(await PaletteAsync(Viewer, "inputs", "list", "--all", "--json")).GetProperty("inputs").EnumerateArray(), i => i.GetProperty("key").GetString() == Bad);
        Assert.Equal(("discarded", "the EHR resent it corrected"), (gone.GetProperty("status").GetString(), gone.GetProperty("note").GetString()));
        Assert.Equal(2, (await PaletteAsync(Operator, "inputs", "retry", "palette-test|Encounter/never-parked")).Exit);
        var badKey = await PaletteAsync(Operator, "inputs", "show", "no-bar-here");
        Assert.Equal(2, badKey.Exit);
        Assert.DoesNotContain("   at ", badKey.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_membership_commands_need_the_operator_role_and_leave_hands_the_node_out_of_the_cluster()
    {
        await using var management = await ManagementServer.StartAsync(_node!, new ManagementSettings(true, "127.0.0.1", 0,
            [new OperatorSettings("viewer", OperatorRoles.Viewer, SourceSettings.Hash(Viewer)), new OperatorSettings("ops", OperatorRoles.Viewer | OperatorRoles.Operator, SourceSettings.Hash(Operator))]), []);
        string[] node = ["--node", management.Address.ToString()];
        using var probe = new HttpClient { BaseAddress = management.Address };
        Assert.Equal((System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK), ((await probe.GetAsync("health/live")).StatusCode, (await probe.GetAsync("health/ready")).StatusCode));
        Assert.Equal(2, (await PaletteAsync(Viewer, ["cluster", "down-unreachable", .. node])).Exit);
        var none = await PaletteAsync(Operator, ["cluster", "down-unreachable", .. node]);
        Assert.Equal((0, "downed 0 unreachable member(s)"), (none.Exit, none.Stdout.Trim()));
        var badAddress = await PaletteAsync(Operator, ["cluster", "down", "not-an-address", .. node]);
        Assert.Equal(2, badAddress.Exit);

        var leave = await PaletteAsync(Operator, ["cluster", "leave", .. node]);
        Assert.True(leave.Exit == 0, leave.Stderr);
        var cluster = Akka.Cluster.Cluster.Get(_node!.System);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (cluster.SelfMember.Status is Akka.Cluster.MemberStatus.Up && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.NotEqual(Akka.Cluster.MemberStatus.Up, cluster.SelfMember.Status);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("health/ready")).StatusCode);
    }

    [Fact]
    public async Task Trace_asks_the_node_and_follows_an_encounter_to_its_postings()
    {
        string? encounter = null;
        await using (var journal = Actors.Replay.JournalReader.On(_node!))
            await foreach (var record in journal.ReadAsync(new Actors.Replay.JournalQuery(Tag: "billing-trigger")))
                if (record.Event is Domain.Common.IEvent { Stamp.ResourceType: "Encounter" } e)
                {
                    encounter = e.Stamp.ResourceId;
                    break;
                }
        Assert.NotNull(encounter);

        var trace = Json(await PaletteAsync(Viewer, "trace", $"Encounter/{encounter}", "--json"));
        Assert.Equal($"Encounter/{encounter}", trace.GetProperty("resource").GetString());
        Assert.NotEmpty(trace.GetProperty("events").EnumerateArray());
        Assert.Contains(trace.GetProperty("postings").EnumerateArray(), p => p.GetProperty("key").GetString()!.StartsWith("inv-", StringComparison.Ordinal));
        var human = await PaletteAsync(Viewer, "trace", $"Encounter/{encounter}");
        Assert.True(human.Exit == 0, human.Stderr);
        Assert.Contains(encounter, human.Stdout);
        var unknown = await PaletteAsync(Viewer, "trace", "Encounter/no-such-encounter");
        Assert.Equal((2, true), (unknown.Exit, unknown.Stderr.Contains("no event in the journal", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Prometheus_metrics_show_ingest_journal_entities_sinks_and_Odoo_calls_to_a_viewer()
    {
        using var http = new HttpClient { BaseAddress = _management!.Address };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("metrics")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Viewer);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text;
        // The sinks' gauges appear once the server has asked the sinks (it does so as it starts, then every 5 s).
        do
            text = await http.GetStringAsync("metrics");
        while (!text.Contains("actorsync_sink_pending{", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Task.Delay(200).ContinueWith(_ => true));
        Assert.Matches(@"actorsync_ingest_resources_total\{[^}]*verdict=""accepted""", text);
        Assert.Matches(@"actorsync_ingest_resources_total\{[^}]*verdict=""duplicate""", text);
        Assert.Contains("actorsync_journal_write_duration_seconds_bucket", text);
        Assert.Matches(@"actorsync_entities_active\{[^}]*type=""invoice""", text);
        Assert.Matches(@"actorsync_odoo_call_duration_seconds_count\{[^}]*call=""account.move.create""", text);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, @"actorsync_sink_delivered\{[^}]*sink=""northwind-health/nw-general/revenue"""), text);
        Assert.Contains("actorsync_sink_awaiting_approval{", text);
        Assert.DoesNotContain(Viewer, text);
    }

    [Fact]
    public async Task Reconciliation_finds_a_record_deleted_in_Odoo_and_explains_a_rejected_and_an_unapproved_batch()
    {
        var staged = Json(await PaletteAsync(Viewer, "approvals", "list", "--json")).GetProperty("postings").EnumerateArray().Select(p => p.GetProperty("key").GetString()!).ToList();
        var clinicSummary = staged.First(k => k.StartsWith("sum-nw-clinic-", StringComparison.Ordinal));
        var generalSummary = staged.First(k => k.StartsWith("sum-nw-general-", StringComparison.Ordinal));
        Assert.Equal(0, (await PaletteAsync(Approver, "approvals", "reject", clinicSummary, "--reason", "totals disputed")).Exit);

        // Someone deletes a posted invoice in Odoo (reset to draft, then deleted).
        var ledger = await Actors.Reconciliation.PostingLedgerReader.ReadAsync(_node!.System, _node.Network, default);
        var victim = ledger.Entries.First(e => e is { Status: Domain.Reconciliation.PostingStatus.Delivered, OdooModel: "account.move" } && e.Posting is Domain.Postings.CustomerInvoicePosting);
        using (var odoo = new Odoo.OdooClient(OdooSettings.From(_node.Config).Connection))
        {
            await Odoo.OdooOrm.ActAsync(odoo, "account.move", "button_draft", [victim.OdooId!.Value], null, default);
            await Odoo.OdooOrm.ActAsync(odoo, "account.move", "unlink", [victim.OdooId!.Value], null, default);
        }

        var run = await PaletteAsync(Viewer, "reconcile");
        Assert.True(run.Exit == 1, run.Stdout + run.Stderr);
        Assert.Contains("MISSING IN ODOO", run.Stdout);
        var json = await PaletteAsync(Viewer, "reconcile", "--json");
        Assert.Equal(1, json.Exit);
        var report = Output.ReconciliationOutput.Read(JsonDocument.Parse(json.Stdout).RootElement);
        var missing = Assert.Single(report.Differences, d => d.Unexplained);
        Assert.Equal((Domain.Reconciliation.DifferenceKind.MissingInOdoo, victim.Posting.Key.Value), (missing.Kind, missing.Subject));
        Assert.Contains(report.Differences, d => d.Kind == Domain.Reconciliation.DifferenceKind.Parked && d.Subject == clinicSummary && d.Explanation.Contains("totals disputed", StringComparison.Ordinal));
        Assert.Contains(report.Differences, d => d.Kind == Domain.Reconciliation.DifferenceKind.AwaitingApproval && d.Subject == generalSummary);
        Assert.Equal(report.EntriesChecked, report.EntriesBalanced);
    }

    [Fact]
    public async Task The_exception_queue_lists_shows_retries_by_cause_and_discards_with_a_reason_and_the_palette_joins_and_lists_regions()
    {
        var staged = Json(await PaletteAsync(Viewer, "approvals", "list", "--json")).GetProperty("postings").EnumerateArray().Select(p => p.GetProperty("key").GetString()!).ToList();
        var summary = staged.First(k => k.StartsWith("sum-nw-clinic-", StringComparison.Ordinal));
        Assert.Equal(0, (await PaletteAsync(Approver, "approvals", "reject", summary, "--reason", "totals disputed")).Exit);

        var list = await PaletteAsync(Viewer, "exceptions", "list");
        Assert.True(list.Exit == 0 && list.Stdout.Contains(summary, StringComparison.Ordinal), list.Stdout);
        var shown = Json(await PaletteAsync(Viewer, "exceptions", "show", summary, "--json"));
        var entry = shown.GetProperty("entry");
        Assert.Equal(("rejected", true), (entry.GetProperty("cause").GetString(), entry.GetProperty("message").GetString()!.Contains("totals disputed", StringComparison.Ordinal)));
        // What it would write: a balanced journal entry's lines with their accounts.
        var lines = shown.GetProperty("posting").GetProperty("posting").GetProperty("lines").EnumerateArray().ToList();
        Assert.True(lines.Count >= 2, shown.GetRawText());
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("accountCode").GetString())));

        // Retried by its cause, the summary goes back to its sink, which stages it for approval again.
        Assert.Equal(2, (await PaletteAsync(Viewer, "exceptions", "retry", "--cause", "rejected")).Exit);
        var retried = await PaletteAsync(Operator, "exceptions", "retry", "--cause", "rejected");
        Assert.True(retried.Exit == 0, retried.Stderr);
        Assert.DoesNotContain(summary, (await PaletteAsync(Viewer, "exceptions", "list")).Stdout);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await PaletteAsync(Viewer, "approvals", "list")).Stdout.Contains(summary, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        Assert.Contains(summary, (await PaletteAsync(Viewer, "approvals", "list")).Stdout);

        Assert.Equal(0, (await PaletteAsync(Approver, "approvals", "reject", summary, "--reason", "still disputed")).Exit);
        var noReason = await PaletteAsync(Operator, "exceptions", "discard", summary);
        Assert.NotEqual(0, noReason.Exit);
        Assert.DoesNotContain("   at ", noReason.Stderr);
        var discarded = await PaletteAsync(Operator, "exceptions", "discard", summary, "--reason", "posted by hand in Odoo");
        Assert.True(discarded.Exit == 0, discarded.Stderr);
        Assert.DoesNotContain(summary, (await PaletteAsync(Viewer, "exceptions", "list")).Stdout);
        var ledger = await Actors.Reconciliation.PostingLedgerReader.ReadAsync(_node!.System, _node.Network, default);
        Assert.Equal(Domain.Reconciliation.PostingStatus.Discarded, ledger.Find(new Domain.Postings.PostingKey(summary))!.Status);

        var regions = await PaletteAsync(Viewer, "cluster", "sharding", "regions");
        Assert.True(regions.Exit == 0 && regions.Stdout.Contains("posting-sink", StringComparison.Ordinal) && regions.Stdout.Contains("invoice", StringComparison.Ordinal), regions.Stdout);
        var self = Json(await PaletteAsync(Viewer, "cluster", "show", "--json")).GetProperty("members")[0].GetProperty("address").GetString()!;
        Assert.Equal(2, (await PaletteAsync(Viewer, "cluster", "join", self)).Exit);
        var join = await PaletteAsync(Operator, "cluster", "join", self);
        Assert.True(join.Exit == 0 && join.Stdout.Contains(self, StringComparison.Ordinal), join.Stdout + join.Stderr);
    }

    [Fact]
    public async Task A_repost_through_the_running_node_makes_again_only_the_invoice_deleted_in_Odoo()
    {
        var ledger = await Actors.Reconciliation.PostingLedgerReader.ReadAsync(_node!.System, _node.Network, default);
        var victim = ledger.Entries.First(e => e is { Status: Domain.Reconciliation.PostingStatus.Delivered, OdooModel: "account.move" } && e.Posting is Domain.Postings.CustomerInvoicePosting);
        var invoices = ledger.Entries.Count(e => e is { Status: Domain.Reconciliation.PostingStatus.Delivered } && e.Posting is Domain.Postings.CustomerInvoicePosting && e.Posting.LegalEntity == victim.Posting.LegalEntity);
        using (var odoo = new Odoo.OdooClient(OdooSettings.From(_node.Config).Connection))
        {
            await Odoo.OdooOrm.ActAsync(odoo, "account.move", "button_draft", [victim.OdooId!.Value], null, default);
            await Odoo.OdooOrm.ActAsync(odoo, "account.move", "unlink", [victim.OdooId!.Value], null, default);
        }
        Assert.Equal(1, (await PaletteAsync(Viewer, "reconcile")).Exit);
        string[] repost = ["journal", "replay", "--repost", "--kind", "invoice", "--legal-entity", victim.Posting.LegalEntity.Value];

        var viewer = await PaletteAsync(Viewer, repost);
        Assert.Equal((2, true), (viewer.Exit, viewer.Stderr.Contains("does not have the operator role", StringComparison.Ordinal)));
        var badKind = await PaletteAsync(Operator, [.. repost, "--kind", "invoices"]);
        Assert.Equal((2, true), (badKind.Exit, badKind.Stderr.Contains("--kind invoices is not a kind of posting", StringComparison.Ordinal)));

        var summary = Json(await PaletteAsync(Operator, [.. repost, "--json"]));
        var invoice = summary.GetProperty("byKind").GetProperty("invoice");
        Assert.Equal((invoices, invoices - 1, 1, 0), (invoice.GetProperty("reposted").GetInt32(), invoice.GetProperty("alreadyInOdoo").GetInt32(), invoice.GetProperty("created").GetInt32(), invoice.GetProperty("notConfirmed").GetInt32()));
        Assert.True(summary.GetProperty("complete").GetBoolean());
        var after = await Actors.Reconciliation.PostingLedgerReader.ReadAsync(_node.System, _node.Network, default);
        Assert.Equal((Domain.Reconciliation.PostingStatus.Delivered, 1), (after.Find(victim.Posting.Key)!.Status, after.Find(victim.Posting.Key)!.Reposts));
        var reconcile = await PaletteAsync(Viewer, "reconcile");
        Assert.True(reconcile.Exit == 0, reconcile.Stdout);

        var table = await PaletteAsync(Operator, repost);
        Assert.True(table.Exit == 0, table.Stderr);
        Assert.Contains("Reposted through the sinks of the cluster at", table.Stdout);
        Assert.Matches(@"invoice\s+" + invoices, table.Stdout);
    }

    private Task<(int Exit, string Stdout, string Stderr)> PaletteAsync(string token, params string[] args) =>
        PaletteRun.RunAsync(token, _work, args.Contains("--node") ? args : [.. args, "--node", _management!.Address.ToString()]);

    private static JsonElement Json((int Exit, string Stdout, string Stderr) run) => PaletteRun.Json(run);

    public async Task DisposeAsync()
    {
        if (_management is not null) await _management.DisposeAsync();
        if (_node is not null) await _node.DisposeAsync();
        if (_odoo is not null) await _odoo.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}
