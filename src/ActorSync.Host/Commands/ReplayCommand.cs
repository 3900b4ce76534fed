using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Projections;
using ActorSync.Actors.Replay;
using ActorSync.Domain.Postings;
using Akka.Configuration;

namespace ActorSync.Host.Commands;

/// <summary>
/// <c>actorsync journal replay</c>: <c>--rebuild postings</c> rebuilds a projection from offset zero,
/// <c>--projection postings</c> brings it up to the journal from its stored offsets (both offline, like
/// the other journal commands; they write only the projection's tables); <c>--repost</c> re-drives
/// delivered postings through the sinks — of a running cluster with <c>--node</c> (its management
/// API, operator role), else of an embedded node on the data folder (no node may run on it) — and
/// reports per kind what Odoo already held and what was made again.
/// Exit codes: 0 done, 1 a repost not confirmed in time (or refused by a sink), 2 a wrong argument
/// or configuration, 3 the store failed.
/// </summary>
internal static class ReplayCommand
{
    private static readonly string[] Projections = [PostingsProjection.Name];

    public static Command Create()
    {
        var rebuild = new Option<string?>("--rebuild") { Description = $"Rebuild this projection from offset zero ({string.Join(", ", Projections)})" };
        var projection = new Option<string?>("--projection") { Description = "Bring this projection up to the journal from its stored offsets" };
        var repost = new Option<bool>("--repost") { Description = "Send delivered postings through the sinks again (an embedded node with the Odoo settings): Odoo finds what it holds, makes what is gone" };
        var legalEntity = new Option<string?>("--legal-entity") { Description = "Repost only this legal entity's postings" };
        var from = new Option<string?>("--from") { Description = "Repost postings dated on or after this day (yyyy-MM-dd)" };
        var to = new Option<string?>("--to") { Description = "Repost postings dated on or before this day (yyyy-MM-dd)" };
        var kinds = new Option<string[]>("--kind") { Description = $"Repost only these kinds (repeatable): {string.Join(", ", PostingKinds.All.Select(RepostScope.Dashed))}" };
        var by = new Option<string>("--by") { Description = "Who reposts (recorded in the sinks' journals)", DefaultValueFactory = _ => Environment.UserName };
        var sinkTimeout = new Option<int>("--sink-timeout") { Description = "Seconds to wait for the sinks at most", DefaultValueFactory = _ => 300 };
        var json = Palette.PaletteCall.Json;
        var journal = new JournalAccess();
        var command = new Command("replay", "Rebuild or update a projection from the journal, or re-drive postings through the sinks (of a running cluster with --node)")
        {
            rebuild, projection, repost, legalEntity, from, to, kinds, by, sinkTimeout, json, Palette.PaletteCall.Node,
        };
        journal.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var name = parse.GetValue(rebuild) ?? parse.GetValue(projection);
            var chosen = new[] { parse.GetValue(rebuild) is not null, parse.GetValue(projection) is not null, parse.GetValue(repost) }.Count(x => x);
            var problem = chosen != 1 ? "give one of --rebuild PROJECTION, --projection PROJECTION or --repost"
                : name is not null && !Projections.Contains(name) ? $"there is no projection '{name}' (projections: {string.Join(", ", Projections)})"
                : null;
            if (problem is null && Palette.PaletteCall.NodeGiven(parse))
            {
                var offline = CommonOptions.Given(parse, journal.LocalOptions.Prepend(by));
                problem = !parse.GetValue(repost) ? "--node is for --repost (projections are kept by the nodes themselves, or rebuilt here on the data folder)"
                    : offline.Count > 0 ? $"{string.Join(", ", offline)}: not with --node (they are for a local journal; the node records the operator whose token is in ${Palette.ManagementClient.TokenVariable})"
                    : null;
            }
            RepostScope? scope = null;
            if (problem is null && parse.GetValue(repost))
                problem = RepostScope.TryParse(parse.GetValue(legalEntity), parse.GetValue(from), parse.GetValue(to), parse.GetValue(kinds) ?? [], out scope) is { } wrong ? "--" + wrong : null;
            if (problem is not null)
            {
                await error.WriteLineAsync($"actorsync journal replay: {problem}");
                return ExitCodes.BadConfiguration;
            }
            if (scope is null)
                return await journal.RunAsync(parse, "journal replay", (reader, output) => RunProjectionAsync(reader, parse.GetValue(rebuild) is not null, parse.GetValue(json), output, ct));
            if (Palette.PaletteCall.NodeGiven(parse))
            {
                // The node waits for the sinks up to the timeout, then reads the ledger once more: the client waits a little longer.
                var seconds = (int)PostingRepost.Bounded(TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(sinkTimeout)))).TotalSeconds;
                return await Palette.PaletteCall.RunAsync(parse, HttpMethod.Post, RepostPath(parse.GetValue(legalEntity), parse.GetValue(from), parse.GetValue(to), parse.GetValue(kinds) ?? [], seconds),
                    (body, output) => WriteRepost(body, $"Reposted through the sinks of the cluster at {parse.GetValue(Palette.PaletteCall.Node)}", output),
                    ct, body => body.GetProperty("complete").GetBoolean() ? ExitCodes.Ok : ExitCodes.GoalMissed, TimeSpan.FromSeconds(seconds + 120));
            }
            var options = journal.NodeOptions(parse) with { SeedNetwork = true, Overrides = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.remote.dot-netty.tcp.port = 0") };
            try
            {
                return await RepostAsync(options, scope, parse.GetValue(by)!, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(sinkTimeout))), parse.GetValue(json), parse.InvocationConfiguration.Output, ct);
            }
            catch (ConfigurationProblem configuration)
            {
                await error.WriteLineAsync($"actorsync journal replay: {configuration.Message}");
                return ExitCodes.BadConfiguration;
            }
        });
        return command;
    }

    private static async Task<int> RunProjectionAsync(JournalReader reader, bool rebuild, bool json, TextWriter output, CancellationToken ct)
    {
        var run = await PostingsProjection.RunAsync(reader, rebuild,
            p => JournalAccess.Progress(output, $"{p.EventsRead:N0} events read, {p.RowsWritten:N0} rows written, {p.StreamsDone}/{p.Streams} streams"), ct);
        JournalAccess.EndProgress(output);
        await output.WriteLineAsync($"{(run.Rebuilt ? "Rebuilt" : "Updated")} projection '{run.Projection}' in {run.Elapsed.TotalSeconds:F1}s (journal: {reader.Description})");
        await output.WriteLineAsync($"  {"streams",-14} {run.Streams,10:N0}   sinks' journals{(run.Rebuilt ? ", read from offset zero" : ", read from their stored offsets")}");
        await output.WriteLineAsync($"  {"events read",-14} {run.EventsRead,10:N0}");
        await output.WriteLineAsync($"  {"rows written",-14} {run.RowsWritten,10:N0}   postings added or changed in projection_postings");
        if (json)
            await output.WriteLineAsync(JsonSerializer.Serialize(new { projection = run.Projection, rebuilt = run.Rebuilt, streams = run.Streams, eventsRead = run.EventsRead, rowsWritten = run.RowsWritten, seconds = run.Elapsed.TotalSeconds }));
        return ExitCodes.Ok;
    }

    private static async Task<int> RepostAsync(NodeOptions options, RepostScope scope, string by, TimeSpan within, bool json, TextWriter output, CancellationToken ct)
    {
        await using var node = await ActorSyncNode.StartAsync(options, ct);
        if (node.Sinks is null)
            throw new ConfigurationProblem($"--repost: the posting sinks are not running ({string.Join("; ", node.Warnings)})");
        if (scope.LegalEntity is { } legalEntity && !node.Network.LegalEntities.ContainsKey(legalEntity))
            throw new ConfigurationProblem($"--legal-entity {legalEntity} is not a legal entity of the network");
        var report = await PostingRepost.RunAsync(node, scope, by, within,
            s => JournalAccess.Progress(output, $"posting to Odoo: {s.Pending:N0} pending, {s.Delivered:N0} delivered, {s.Parked} parked"), ct);
        JournalAccess.EndProgress(output);
        var summary = JsonSerializer.SerializeToElement(report.Summary());
        if (json)
            await output.WriteLineAsync(summary.GetRawText());
        else
            WriteRepost(summary, $"Reposted through the sinks of {node.Storage.Description}", output);
        return report.Complete ? ExitCodes.Ok : ExitCodes.GoalMissed;
    }

    /// <summary>The management API's route for a repost of this scope (checked already).</summary>
    private static string RepostPath(string? legalEntity, string? from, string? to, string[] kinds, int timeoutSeconds)
    {
        var query = new List<string> { $"timeout={Math.Max(1, timeoutSeconds)}" };
        query.AddRange(new[] { ("legal-entity", legalEntity), ("from", from), ("to", to) }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!.Trim())}"));
        query.AddRange(kinds.Select(k => "kind=" + Uri.EscapeDataString(k)));
        return "replay/repost?" + string.Join('&', query);
    }

    /// <summary>The per-kind table of a repost summary (<see cref="RepostReport.Summary"/>), from either path.</summary>
    private static void WriteRepost(JsonElement summary, string where, TextWriter output)
    {
        output.WriteLine(summary.GetProperty("sinksIdle").GetBoolean() ? $"{where} (idle again):" : $"{where}; the sinks did not finish in time:");
        var table = new Output.TextTable("kind", "reposted", "in Odoo", "created", "open");
        foreach (var kind in summary.GetProperty("byKind").EnumerateObject())
            table.Add(kind.Name, Count(kind.Value, "reposted"), Count(kind.Value, "alreadyInOdoo"), Count(kind.Value, "created"), Count(kind.Value, "notConfirmed"));
        table.Add("total", Count(summary, "reposted"), Count(summary, "alreadyInOdoo"), Count(summary, "created"), Count(summary, "notConfirmed"));
        table.WriteTo(output);
        output.WriteLine("in Odoo: found by external id, nothing made; created: gone from Odoo and made again; open: pending or parked (see sinks status)");
        foreach (var refused in summary.GetProperty("refused").EnumerateArray())
            output.WriteLine($"not reposted: {refused.GetString()}");
    }

    private static string Count(JsonElement e, string name) => e.GetProperty(name).GetInt32().ToString("N0", CultureInfo.InvariantCulture);
}
