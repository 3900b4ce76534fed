using System.CommandLine;
using ActorSync.Host.Bench;
using ActorSync.Host.Commands;

var root = new RootCommand("ActorSync: FHIR R4 clinical and billing events into Odoo, exactly once, in order, traceable.");
root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
return await root.Parse(args).InvokeAsync();
