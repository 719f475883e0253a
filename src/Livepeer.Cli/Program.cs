using System.CommandLine;
using Livepeer.Cli;
using Livepeer.Cli.Commands;

var globals = new GlobalOptions();
var root = new RootCommand("livepeer: a Livepeer network in C# (media server, nodes, payments, staking, ledger)");
globals.AddTo(root);
root.Subcommands.Add(DevnetCommand.Create());
root.Subcommands.Add(TranscodeCommand.Create(globals));

return await root.Parse(args).InvokeAsync();
