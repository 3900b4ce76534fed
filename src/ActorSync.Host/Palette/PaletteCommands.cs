using System.CommandLine;
using System.Text.Json;
using ActorSync.Host.Output;

namespace ActorSync.Host.Palette;

/// <summary>The operator palette, shaped like pbm's: cluster, sharding, entities, sinks, exceptions (postings and input), approvals, reconciliation.</summary>
internal static class PaletteCommands
{
    public static IEnumerable<Command> Create() => [Cluster(), Entity(), Sinks(), Exceptions(), Inputs(), Approvals(), Reconcile()];

    private static Command Cluster()
    {
        var address = new Argument<string>("address") { Description = "A member's address, e.g. akka.tcp://actorsync@127.0.0.1:4053" };
        var optionalAddress = new Argument<string?>("address") { Description = "The member to leave (default: the node asked)", Arity = ArgumentArity.ZeroOrOne };
        var type = new Argument<string>("type") { Description = "A shard region: encounter, invoice, item, legal-entity, input-exception, master-data, posting-sink" };
        var members = PaletteCall.Table("members", "address", "status", "reachable", "roles");
        return Group("cluster", "The cluster's members, and joining, leaving and downing them (operator role)",
            Call("show", "Members, their status and reachability, and the leader", HttpMethod.Get, _ => "cluster", (body, w) =>
            {
                members(body, w);
                w.WriteLine($"  leader: {PaletteCall.Text(body.GetProperty("leader"))}; asked: {PaletteCall.Text(body.GetProperty("self"))}");
            }),
            Call("join", "Ask the node to join the cluster of this address", HttpMethod.Post, p => $"cluster/join?address={Uri.EscapeDataString(p.GetValue(address)!)}", PaletteCall.Message, address),
            Call("leave", "Leave the cluster gracefully (shards are handed over first)", HttpMethod.Post, p => $"cluster/leave{(p.GetValue(optionalAddress) is { } a ? "?address=" + Uri.EscapeDataString(a) : "")}", PaletteCall.Message, optionalAddress),
            Call("down", "Mark a member down", HttpMethod.Post, p => $"cluster/down?address={Uri.EscapeDataString(p.GetValue(address)!)}", PaletteCall.Message, address),
            Call("down-unreachable", "Down every unreachable member", HttpMethod.Post, _ => "cluster/down-unreachable", PaletteCall.Message),
            Group("sharding", "Shard regions and where their shards and entities are",
                Call("regions", "The shard regions", HttpMethod.Get, _ => "cluster/sharding/regions", (body, w) => body.GetProperty("regions").EnumerateArray().ToList().ForEach(r => w.WriteLine(r.GetString()))),
                Call("region-stats", "Shards and entities per node for one region", HttpMethod.Get, p => $"cluster/sharding/{p.GetValue(type)}/region-stats", PaletteCall.Table("regions", "address", "shards", "entities"), type),
                Call("shard-stats", "Entities per shard on the node asked", HttpMethod.Get, p => $"cluster/sharding/{p.GetValue(type)}/shard-stats", PaletteCall.Table("shards", "shard", "entities"), type)));
    }

    private static Command Entity()
    {
        var type = new Argument<string>("type") { Description = "encounter, invoice, item, legal-entity, input-exception or master-data" };
        var key = new Argument<string>("key") { Description = "The entity's id, e.g. nw-general/claim-1" };
        var events = PaletteCall.Table("events", "sequenceNr", "writtenAt", "manifest", "summary");
        return Group("entity", "One entity's state and events",
            Call("show", "The entity's state and its recent events", HttpMethod.Get, p => $"entities/{p.GetValue(type)}/{p.GetValue(key)}", (body, w) =>
            {
                w.WriteLine($"{PaletteCall.Text(body.GetProperty("type"))} {PaletteCall.Text(body.GetProperty("id"))} at sequence number {PaletteCall.Text(body.GetProperty("sequenceNr"))}");
                w.WriteLine(JsonSerializer.Serialize(body.GetProperty("state"), Indented));
                events(body, w);
            }, type, key),
            Call("events", "All the entity's events", HttpMethod.Get, p => $"entities/{p.GetValue(type)}/{p.GetValue(key)}?events-only", events, type, key));
    }

    private static Command Sinks()
    {
        var site = new Option<string?>("--site") { Description = "Only this site's sinks" };
        var legalEntity = new Option<string?>("--legal-entity") { Description = "Only this legal entity's sinks" };
        string Query(ParseResult p) => string.Join('&', new[] { ("site", p.GetValue(site)), ("legal-entity", p.GetValue(legalEntity)) }
            .Where(q => !string.IsNullOrWhiteSpace(q.Item2)).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!.Trim())}"));
        return Group("sinks", "The posting sinks",
            Call("status", "Each sink's mode, position, outbox and last error", HttpMethod.Get, p => Query(p) is { Length: > 0 } q ? "sinks?" + q : "sinks",
                PaletteCall.Table("sinks", "sinkId", "mode", "seen", "pending", "heldBack", "awaitingApproval", "parked", "delivered", "discarded", "writing", "lastError"), site, legalEntity));
    }

    private static Command Exceptions()
    {
        var key = new Argument<string>("key") { Description = "The posting's key" };
        var optionalKey = new Argument<string?>("key") { Description = "The posting's key (or --cause for all with that cause)", Arity = ArgumentArity.ZeroOrOne };
        var cause = new Option<string?>("--cause") { Description = "Retry every parked posting with this cause (after fixing it)" };
        var reason = new Option<string>("--reason") { Description = "Why it is taken out for good (recorded)", Required = true };
        return Group("exceptions", "The exception queue: parked postings with Odoo's reason",
            Call("list", "Parked postings", HttpMethod.Get, _ => "exceptions", PaletteCall.Table("postings", "key", "sink", "kind", "amount", "cause", "message")),
            Call("show", "One parked posting", HttpMethod.Get, p => $"exceptions/{Uri.EscapeDataString(p.GetValue(key)!)}", (body, w) => w.WriteLine(JsonSerializer.Serialize(body, Indented)), key),
            Call("retry", "Send a parked posting (or all with --cause) back to the outbox (operator role)", HttpMethod.Post,
                p => p.GetValue(cause) is { } c ? $"exceptions/retry?cause={Uri.EscapeDataString(c)}" : $"exceptions/{Uri.EscapeDataString(p.GetValue(optionalKey) ?? throw new ArgumentException("give a posting key or --cause"))}/retry",
                PaletteCall.Message, optionalKey, cause),
            Call("discard", "Take a parked posting out for good, with a reason (operator role)", HttpMethod.Post,
                p => $"exceptions/{Uri.EscapeDataString(p.GetValue(key)!)}/discard?reason={Uri.EscapeDataString(p.GetValue(reason)!)}", PaletteCall.Message, key, reason));
    }

    private static Command Inputs()
    {
        var key = new Argument<string>("key") { Description = "The input's key: source|Type/id, e.g. northwind-ehr|ExplanationOfBenefit/eob-7" };
        var optionalKey = new Argument<string?>("key") { Description = "The input's key (or --reason for every open one whose reason contains it)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Also the entries retried or discarded already" };
        var because = new Option<string?>("--reason") { Description = "Retry every open input whose reason contains this (after fixing what it names)" };
        var why = new Option<string>("--reason") { Description = "Why it is dropped for good (recorded)", Required = true };
        string Escaped(string? text) => Uri.EscapeDataString(text ?? throw new ArgumentException("give an input's key or --reason"));
        return Group("inputs", "The input exception queue: FHIR input that was invalid or could not be mapped, with its payload and reason",
            Call("list", "Open entries (with --all, closed ones too)", HttpMethod.Get, p => p.GetValue(all) ? "inputs?all" : "inputs",
                PaletteCall.Table("inputs", "key", "problem", "status", "times parked", "parked at", "reason"), all),
            Call("show", "One entry, with the payload as it arrived", HttpMethod.Get, p => $"inputs/show?key={Escaped(p.GetValue(key))}", (body, w) => w.WriteLine(JsonSerializer.Serialize(body, Indented)), key),
            Call("retry", "Send parked input through its source's mapping again; applied ones leave the queue (operator role)", HttpMethod.Post,
                p => p.GetValue(because) is { } r ? $"inputs/retry?reason={Uri.EscapeDataString(r)}" : $"inputs/retry?key={Escaped(p.GetValue(optionalKey))}",
                PaletteCall.Message, optionalKey, because),
            Call("discard", "Drop a parked input for good, with a reason (operator role)", HttpMethod.Post,
                p => $"inputs/discard?key={Escaped(p.GetValue(key))}&reason={Uri.EscapeDataString(p.GetValue(why)!)}", PaletteCall.Message, key, why));
    }

    private static Command Approvals()
    {
        var key = new Argument<string>("key") { Description = "The posting's key" };
        var reason = new Option<string>("--reason") { Description = "Why it is rejected (recorded; the posting goes to the exception queue)", Required = true };
        return Group("approvals", "Postings staged for a finance approver (approver role to decide)",
            Call("list", "Postings awaiting approval", HttpMethod.Get, _ => "approvals", PaletteCall.Table("postings", "key", "sink", "kind", "amount", "currency", "queuedAt")),
            Call("approve", "Approve a staged posting; the approver is recorded", HttpMethod.Post, p => $"approvals/{Uri.EscapeDataString(p.GetValue(key)!)}/approve", PaletteCall.Message, key),
            Call("reject", "Reject a staged posting, with a reason", HttpMethod.Post,
                p => $"approvals/{Uri.EscapeDataString(p.GetValue(key)!)}/reject?reason={Uri.EscapeDataString(p.GetValue(reason)!)}", PaletteCall.Message, key, reason));
    }

    private static Command Reconcile()
    {
        var legalEntity = new Option<string?>("--legal-entity") { Description = "One legal entity (default: all)" };
        var date = new Option<string?>("--date") { Description = "One day, yyyy-MM-dd" };
        var from = new Option<string?>("--from") { Description = "First day, yyyy-MM-dd" };
        var to = new Option<string?>("--to") { Description = "Last day, yyyy-MM-dd" };
        var command = new Command("reconcile", "Sources, ActorSync and Odoo side by side per legal entity, day, department and account, with every difference explained (exit code 1 when some are unexplained)")
        {
            legalEntity, date, from, to, PaletteCall.Node, PaletteCall.Json,
        };
        command.SetAction((p, ct) =>
        {
            var query = new List<string>();
            if (p.GetValue(legalEntity) is { } le) query.Add("legal-entity=" + Uri.EscapeDataString(le));
            if ((p.GetValue(date) ?? p.GetValue(from)) is { } f) query.Add("from=" + Uri.EscapeDataString(f));
            if ((p.GetValue(date) ?? p.GetValue(to)) is { } t) query.Add("to=" + Uri.EscapeDataString(t));
            return PaletteCall.RunAsync(p, HttpMethod.Get, "reconcile?" + string.Join('&', query), (body, w) => ReconciliationOutput.Write(ReconciliationOutput.Read(body), w), ct,
                body => ReconciliationOutput.Read(body).Unexplained == 0 ? Commands.ExitCodes.Ok : Commands.ExitCodes.GoalMissed);
        });
        return command;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static Command Group(string name, string description, params Command[] children)
    {
        var group = new Command(name, description);
        foreach (var child in children)
            group.Subcommands.Add(child);
        return group;
    }

    private static Command Call(string name, string description, HttpMethod method, Func<ParseResult, string> path, Action<JsonElement, TextWriter> print, params Symbol[] symbols)
    {
        var command = new Command(name, description) { PaletteCall.Node, PaletteCall.Json };
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else if (symbol is Option option) command.Options.Add(option);
        }
        command.SetAction(async (p, ct) =>
        {
            string route;
            try
            {
                route = path(p);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"actorsync {name}: {e.Message}");
                return Commands.ExitCodes.BadConfiguration;
            }
            return await PaletteCall.RunAsync(p, method, route, print, ct);
        });
        return command;
    }
}
