using System.CommandLine;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer devnet`: the whole network on one machine.</summary>
public static class DevnetCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("devnet", "Run a whole local Livepeer network: ledger, orchestrators, transcoder, broadcaster, dashboard");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("livepeer devnet is not built yet: the ledger, nodes and dashboard it starts are still in progress.");
            Console.Error.WriteLine("What works today: `livepeer account ...` (see `livepeer --help`).");
            return 2;
        });
        return command;
    }
}
