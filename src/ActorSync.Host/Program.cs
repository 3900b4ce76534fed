using System.CommandLine;
using ActorSync.Host.Bench;
using ActorSync.Host.Commands;

var root = new RootCommand("ActorSync: FHIR R4 clinical and billing events into Odoo, exactly once, in order, traceable.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ChaosCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(SourceCommand.Create());
root.Subcommands.Add(OdooCommand.Create());
foreach (var palette in ActorSync.Host.Palette.PaletteCommands.Create())
    root.Subcommands.Add(palette);
root.Subcommands.Add(JournalCommand.Create());
root.Subcommands.Add(TraceCommand.Create());
var parse = root.Parse(args);
// Arguments the parser refuses (a missing required option, a number that is not one) are the
// user's to fix: say which, without a stack trace, and exit with the code that means so.
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        await Console.Error.WriteLineAsync($"actorsync: {error.Message}");
    await Console.Error.WriteLineAsync("Run with --help for the options.");
    return ExitCodes.BadConfiguration;
}
return await parse.InvokeAsync();
