using System.CommandLine;
using Livepeer.Cli;
using Livepeer.Cli.Commands;
using Livepeer.Cli.Ledger;
using Livepeer.Core;

var globals = new GlobalOptions();
var root = new RootCommand("livepeer: a Livepeer network in C# (media server, nodes, payments, staking, ledger)");
globals.AddTo(root);
root.Subcommands.Add(DevnetCommand.Create(globals));
root.Subcommands.Add(AccountCommands.Create(globals));
root.Subcommands.Add(ChainCommand.Create(globals));
root.Subcommands.Add(SimCommand.Create());
root.Subcommands.Add(TranscodeCommand.Create(globals));
root.Subcommands.Add(MediaCommand.Create());
root.Subcommands.Add(PlaybackTokenCommand.Create());
var chainAccess = new ChainAccess(globals);
root.Subcommands.Add(TokenCommands.Create(chainAccess, Token.Lpt));
root.Subcommands.Add(TokenCommands.Create(chainAccess, Token.Eth));
root.Subcommands.Add(StakeCommands.Create(chainAccess));
root.Subcommands.Add(OrchestratorNodeCommand.Configure(OrchestratorCommands.Create(chainAccess), chainAccess));
root.Subcommands.Add(BroadcasterCommand.Create(chainAccess));
root.Subcommands.Add(BroadcastCommands.Create(chainAccess));
root.Subcommands.Add(RoundCommands.Create(chainAccess));
root.Subcommands.Add(GovCommands.Create(chainAccess));
root.Subcommands.Add(TranscoderCommand.Create());
root.Subcommands.Add(VerifierCommand.Create(chainAccess));
root.Subcommands.Add(ContractsCommands.Create(chainAccess));
root.Subcommands.Add(ControlCommands.Create());

try { args = ConfigArguments.Expand(root, args); }
catch (CliException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return e.ExitCode;
}
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
