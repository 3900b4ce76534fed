using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Actors.Replay;
using ActorSync.Actors.Tracing;
using ActorSync.Host.Output;

namespace ActorSync.Host.Commands;

/// <summary>
/// <c>actorsync trace &lt;type&gt;/&lt;id&gt;</c>: a source resource → the events it caused → the postings of
/// the entities it changed → the Odoo model and id of each, with times (see <see cref="SourceTrace"/>).
/// Reads the whole journal once. Exit codes, the same offline and with <c>--node</c>: 0 traced, 2 a
/// wrong argument, configuration or data folder, or nothing in the journal comes from the resource
/// (an unknown key, as the palette's 404), 3 the store or node failed.
/// </summary>
internal static class TraceCommand
{
    private const int ProgressEvery = 5000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static Command Create()
    {
        var resource = new Argument<string>("resource") { Description = "The source resource as <type>/<id>, e.g. Claim/1234 or Encounter/abc" };
        var json = Palette.PaletteCall.Json;
        var journal = new JournalAccess();
        var command = new Command("trace", "Follow a source resource through the journal (or, with --node, a running node's) to its postings and their Odoo records")
        {
            resource, json, Palette.PaletteCall.Node,
        };
        journal.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (!ResourceRef.TryParse(parse.GetValue(resource), out var target))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"actorsync trace: '{parse.GetValue(resource)}' is not <type>/<id>, e.g. Claim/1234");
                return ExitCodes.BadConfiguration;
            }
            if (Palette.PaletteCall.NodeGiven(parse))
            {
                var path = $"trace/{Uri.EscapeDataString(target.Type)}/{string.Join('/', target.Id.Split('/').Select(Uri.EscapeDataString))}";
                return await Palette.PaletteCall.RunAsync(parse, HttpMethod.Get, path, (body, output) =>
                    WriteAsync(output, body.Deserialize<SourceTraceReport>(Json)!, $"asked {parse.GetValue(Palette.PaletteCall.Node)}").GetAwaiter().GetResult(), ct);
            }
            return await journal.RunAsync(parse, "trace", async (reader, output) =>
            {
                var trace = new SourceTrace(target);
                await foreach (var record in reader.ReadAsync(JournalQuery.All, ct))
                {
                    trace.Add(record);
                    if (trace.Scanned % ProgressEvery == 0)
                        JournalAccess.Progress(output, $"{trace.Scanned:N0} events read");
                }
                JournalAccess.EndProgress(output);
                var report = trace.Build();
                if (parse.GetValue(json))
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
                else
                    await WriteAsync(output, report, $"{trace.Scanned:N0} events read from {reader.Description}");
                if (report.Found)
                    return ExitCodes.Ok;
                await parse.InvocationConfiguration.Error.WriteLineAsync($"actorsync trace: no event in the journal comes from {target} ({reader.Description})");
                return ExitCodes.BadConfiguration;
            });
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, SourceTraceReport report, string scanned)
    {
        await output.WriteLineAsync($"{report.Resource}: {report.Events.Count} events in {report.Entities.Count} entities, {report.Postings.Count} postings ({scanned})");
        if (!report.Found)
            return;
        await output.WriteLineAsync();
        await output.WriteLineAsync("Events");
        var events = new TextTable("written (UTC)", "persistence id", "seq", "event", "source", "version", "received (UTC)");
        foreach (var e in report.Events)
            events.Add(TimeArgument.Format(e.WrittenAt), e.PersistenceId, e.SequenceNr, e.Event, e.Source, e.Version, TimeArgument.Format(e.ReceivedAt));
        events.WriteTo(output);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Postings");
        var postings = new TextTable("posting", "kind", "caused by", "status", "Odoo", "queued (UTC)", "in Odoo since (UTC)");
        foreach (var p in report.Postings)
        {
            var status = p.SummarizedInto is null ? p.Status : $"summarized into {p.SummarizedInto} ({p.SummaryStatus})";
            postings.Add(p.Key, p.Kind, $"{p.CausedBy} {p.CausedByEvent} ({p.CausedByResource})", status,
                p.OdooId is { } id ? $"{p.OdooModel} {id}" : "", TimeArgument.Format(p.QueuedAt), TimeArgument.Format(p.DeliveredAt));
        }
        postings.WriteTo(output);
        foreach (var p in report.Postings.Where(p => p.Problem is not null))
            await output.WriteLineAsync($"  {p.Key}: {p.Problem}");
        if (report.NotQueued.Count > 0)
        {
            await output.WriteLineAsync($"{report.NotQueued.Count} events of these entities are in a sink's stream with no postings queued for them: the sink has not read them yet (or sinks are off), or they need none:");
            foreach (var e in report.NotQueued)
                await output.WriteLineAsync($"  {e.PersistenceId}#{e.SequenceNr} {e.Event} ({e.Resource})");
        }
    }
}
