using System.CommandLine;
using Livepeer.Cli;
using Livepeer.Cli.Commands;

var globals = new GlobalOptions();
var root = new RootCommand("livepeer: a Livepeer network in C# (media server, nodes, payments, staking, ledger)");
globals.AddTo(root);
root.Subcommands.Add(DevnetCommand.Create());
root.Subcommands.Add(AccountCommands.Create(globals));
root.Subcommands.Add(ChainCommand.Create(globals));
root.Subcommands.Add(SimCommand.Create());
root.Subcommands.Add(TranscodeCommand.Create(globals));
root.Subcommands.Add(TranscoderCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Usage errors: exit code 2, one line each, and where to find help.
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    var path = new List<string>();
    for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        path.Insert(0, result.Command == root ? "livepeer" : result.Command.Name);
    Console.Error.WriteLine($"Run '{string.Join(' ', path)} --help' for usage.");
    return 2;
}
return await parsed.InvokeAsync();
