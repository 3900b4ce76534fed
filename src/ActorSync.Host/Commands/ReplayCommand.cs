using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Projections;
using ActorSync.Actors.Replay;
using ActorSync.Domain.Common;
using ActorSync.Domain.Postings;
using Akka.Configuration;

namespace ActorSync.Host.Commands;

/// <summary>
/// <c>actorsync journal replay</c>: <c>--rebuild postings</c> rebuilds a projection from offset zero,
/// <c>--projection postings</c> brings it up to the journal from its stored offsets (both offline, like
/// the other journal commands; they write only the projection's tables); <c>--repost</c> re-drives
/// delivered postings through the sinks of an embedded node on the data folder (the node must not be
/// running elsewhere), and reports per kind what Odoo already held and what was made again.
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
        var kinds = new Option<string[]>("--kind") { Description = $"Repost only these kinds (repeatable): {string.Join(", ", PostingKinds.All.Select(Dashed))}" };
        var by = new Option<string>("--by") { Description = "Who reposts (recorded in the sinks' journals)", DefaultValueFactory = _ => Environment.UserName };
        var sinkTimeout = new Option<int>("--sink-timeout") { Description = "Seconds to wait for the sinks at most", DefaultValueFactory = _ => 300 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on the last line" };
        var journal = new JournalAccess();
        var command = new Command("replay", "Rebuild or update a projection from the journal, or re-drive postings through the sinks")
        {
            rebuild, projection, repost, legalEntity, from, to, kinds, by, sinkTimeout, json,
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
            RepostScope? scope = null;
            if (problem is null && parse.GetValue(repost))
                problem = TryScope(parse.GetValue(legalEntity), parse.GetValue(from), parse.GetValue(to), parse.GetValue(kinds) ?? [], out scope);
            if (problem is not null)
            {
                await error.WriteLineAsync($"actorsync journal replay: {problem}");
                return ExitCodes.BadConfiguration;
            }
            if (scope is null)
                return await journal.RunAsync(parse, "journal replay", (reader, output) => RunProjectionAsync(reader, parse.GetValue(rebuild) is not null, parse.GetValue(json), output, ct));
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
        await output.WriteLineAsync(report.Sinks.Idle ? $"Reposted through the sinks (idle again) of {node.Storage.Description}:" : "Reposted; the sinks did not finish in time:");
        await output.WriteLineAsync($"  {"kind",-22} {"reposted",9} {"in Odoo",9} {"created",9} {"open",9}");
        foreach (var kind in report.ByKind)
            await output.WriteLineAsync($"  {kind.Kind,-22} {kind.Reposted,9:N0} {kind.AlreadyInOdoo,9:N0} {kind.Created,9:N0} {kind.NotConfirmed,9:N0}");
        await output.WriteLineAsync($"  {"total",-22} {report.Reposted,9:N0} {report.AlreadyInOdoo,9:N0} {report.Created,9:N0} {report.NotConfirmed,9:N0}");
        await output.WriteLineAsync("  in Odoo: found by external id, nothing made; created: gone from Odoo and made again; open: pending or parked (see sinks status)");
        foreach (var refused in report.Refused)
            await output.WriteLineAsync($"  not reposted: {refused}");
        if (json)
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                reposted = report.Reposted, alreadyInOdoo = report.AlreadyInOdoo, created = report.Created, notConfirmed = report.NotConfirmed, sinksIdle = report.Sinks.Idle,
                byKind = report.ByKind.ToDictionary(k => k.Kind, k => new { reposted = k.Reposted, alreadyInOdoo = k.AlreadyInOdoo, created = k.Created, notConfirmed = k.NotConfirmed }),
                refused = report.Refused,
            }));
        return report.Sinks.Idle && report.NotConfirmed == 0 && report.Refused.Count == 0 ? ExitCodes.Ok : ExitCodes.GoalMissed;
    }

    private static string? TryScope(string? legalEntity, string? from, string? to, string[] kinds, out RepostScope? scope)
    {
        scope = null;
        if (!TryDay("--from", from, DateOnly.MinValue, out var first, out var problem) || !TryDay("--to", to, DateOnly.MaxValue, out var last, out problem))
            return problem;
        if (first > last)
            return $"--from {from} must not be after --to {to}";
        var names = kinds.Select(k => k.Trim().Replace('-', ' ').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (names.FirstOrDefault(k => !PostingKinds.All.Contains(k)) is { } unknown)
            return $"--kind {unknown} is not a kind of posting ({string.Join(", ", PostingKinds.All.Select(Dashed))})";
        scope = new RepostScope(string.IsNullOrWhiteSpace(legalEntity) ? null : new LegalEntityId(legalEntity.Trim()), first, last, names);
        return null;
    }

    private static bool TryDay(string option, string? text, DateOnly missing, out DateOnly day, out string? problem)
    {
        problem = null;
        day = missing;
        if (text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return true;
        problem = $"{option} {text} is not a day (yyyy-MM-dd)";
        return false;
    }

    private static string Dashed(string kind) => kind.Replace(' ', '-');
}
