using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ActorSync.Actors.Entities;
using ActorSync.Actors.Replay;
using ActorSync.Domain.Postings;
using ActorSync.Host.Output;

namespace ActorSync.Host.Commands;

/// <summary>
/// <c>actorsync journal events</c> and <c>actorsync journal export</c>: the journal read offline,
/// by persistence id, by tag or all of it, within a time range; as a table, as JSON lines, or into
/// an NDJSON file. Exit codes: 0 read, 1 the persistence id or tag has no event at all, 2 a wrong
/// argument, configuration or data folder, 3 the store failed.
/// </summary>
internal static class JournalCommand
{
    private const int ProgressEvery = 1000;

    public static Command Create() => new("journal", "Read the journal offline: events by persistence id, tag and time; export to NDJSON; replay into projections or through the sinks")
    {
        Events(),
        Export(),
        ReplayCommand.Create(),
    };

    private static Command Events()
    {
        var filter = new Filter();
        var json = new Option<bool>("--json") { Description = "One JSON object per event and line, as export writes them" };
        var command = new Command("events", "List events (offset order; by persistence id: sequence order)") { json };
        filter.AddTo(command);
        command.SetAction((parse, ct) => filter.RunAsync(parse, "journal events", async (reader, query, output) =>
        {
            var tally = new JournalTally();
            var table = new TextTable("offset", "written (UTC)", "persistence id", "seq", "event", "what");
            await foreach (var record in reader.ReadAsync(query, ct))
            {
                tally.Add(record);
                if (parse.GetValue(json))
                    await output.WriteLineAsync(JournalJson.Line(record));
                else
                    table.Add(record.Offset, TimeArgument.Format(record.WrittenAt), record.PersistenceId, record.SequenceNr, record.Manifest, EventText.Of(record.Event));
            }
            if (!parse.GetValue(json))
            {
                if (tally.Events > 0)
                    table.WriteTo(output);
                await output.WriteLineAsync(Summary(tally, reader.Description));
            }
            return tally;
        }));
        return command;
    }

    private static Command Export()
    {
        var filter = new Filter();
        var file = new Option<string>("--out") { Description = "The NDJSON file to write (replaced if it exists)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on the last line" };
        var command = new Command("export", "Write events to an NDJSON file: offset, persistence id, sequence number, timestamp, tags, manifest and the event") { file, json };
        filter.AddTo(command);
        command.SetAction((parse, ct) => filter.RunAsync(parse, "journal export", async (reader, query, output) =>
        {
            var target = Path.GetFullPath(parse.GetValue(file)!);
            var partial = target + ".partial";
            var tally = new JournalTally();
            var watch = Stopwatch.StartNew();
            try
            {
                await using (var stream = File.Create(partial))
                {
                    await using var writer = new Utf8JsonWriter(stream);
                    await foreach (var record in reader.ReadAsync(query, ct))
                    {
                        JournalJson.Write(writer, record);
                        await writer.FlushAsync(ct);
                        stream.WriteByte((byte)'\n');
                        writer.Reset();
                        tally.Add(record);
                        if (tally.Events % ProgressEvery == 0)
                            JournalAccess.Progress(output, $"{tally.Events:N0} events written");
                    }
                }
                File.Move(partial, target, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            JournalAccess.EndProgress(output);
            await output.WriteLineAsync($"Exported {tally.Events:N0} events to {target} in {watch.Elapsed.TotalSeconds:F1}s");
            await output.WriteLineAsync(Summary(tally, reader.Description));
            foreach (var (type, count) in tally.ByEntityType)
                await output.WriteLineAsync($"  {type,-16} {count,10:N0}");
            if (parse.GetValue(json))
                await output.WriteLineAsync(JsonSerializer.Serialize(new { events = tally.Events, persistenceIds = tally.PersistenceIds, file = target, first = tally.First, last = tally.Last, byEntityType = tally.ByEntityType }));
            return tally;
        }));
        return command;
    }

    private static string Summary(JournalTally tally, string journal) => tally.Events == 0
        ? $"No events match (journal: {journal})."
        : $"{tally.Events:N0} events of {tally.PersistenceIds:N0} persistence ids, written {TimeArgument.Format(tally.First)} to {TimeArgument.Format(tally.Last)} UTC (journal: {journal})";

    /// <summary>The options that choose events, shared by <c>events</c> and <c>export</c>.</summary>
    private sealed class Filter
    {
        private readonly Option<string?> _persistenceId = new("--persistence-id") { Description = "One entity or sink, e.g. invoice|nw-general/claim-1 or posting-sink|northwind-health/nw-general/revenue" };
        private readonly Option<string?> _tag = new("--tag") { Description = "Events with this tag, e.g. financial, inventory, revenue@nw-general" };
        private readonly Option<string?> _from = new("--from") { Description = "Written at or after this time (ISO 8601, UTC unless an offset is given)" };
        private readonly Option<string?> _to = new("--to") { Description = "Written before this time" };
        private readonly Option<int?> _limit = new("--limit") { Description = "At most this many events" };
        private readonly JournalAccess _journal = new();

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _persistenceId, _tag, _from, _to, _limit })
                command.Options.Add(option);
            _journal.AddTo(command);
        }

        public async Task<int> RunAsync(ParseResult parse, string name, Func<JournalReader, JournalQuery, TextWriter, Task<JournalTally>> read)
        {
            var error = parse.InvocationConfiguration.Error;
            var fromProblem = TimeArgument.TryParse("--from", parse.GetValue(_from), out var from);
            var problem = TimeArgument.TryParse("--to", parse.GetValue(_to), out var to) ?? fromProblem;
            var query = new JournalQuery(Blank(parse.GetValue(_persistenceId)), Blank(parse.GetValue(_tag)), from, to, parse.GetValue(_limit));
            problem ??= query switch
            {
                { PersistenceId: not null, Tag: not null } => "give --persistence-id or --tag, not both",
                { Limit: < 1 } => $"--limit {query.Limit} must be 1 or more",
                { From: { } f, To: { } t } when f >= t => $"--from {parse.GetValue(_from)} must be before --to {parse.GetValue(_to)}",
                _ => null,
            };
            if (problem is not null)
            {
                await error.WriteLineAsync($"actorsync {name}: {problem}");
                return ExitCodes.BadConfiguration;
            }
            return await _journal.RunAsync(parse, name, async (reader, output) =>
            {
                var tally = await read(reader, query, output);
                if (tally.Events > 0 || (query.PersistenceId is null && query.Tag is null) || await reader.AnyAsync(query with { From = null, To = null, Limit = null }))
                    return ExitCodes.Ok;
                await error.WriteLineAsync(query.PersistenceId is { } id
                    ? $"actorsync {name}: no events for persistence id '{id}' in {reader.Description} (persistence ids are <type>|<entity id>, e.g. invoice|nw-general/claim-1)"
                    : $"actorsync {name}: no event carries the tag '{query.Tag}' in {reader.Description} (tags: {string.Join(", ", EventTags.Financial, EventTags.BillingTrigger, EventTags.Inventory, EventTags.InvoiceDrafted, EventTags.MasterData, EventTags.Exceptions)}, and <flow>@<site>, e.g. {EventTags.Sink(PostingFlow.Revenue, "nw-general")})");
                return ExitCodes.GoalMissed;
            });
        }

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
