using System.CommandLine;
using Livepeer.Cli.Ledger;

namespace Livepeer.Cli.Commands;

/// <summary>A command whose work is in its subcommands (`livepeer stake bond|unbond|...`), each built against the chain access.</summary>
internal static class CommandGroup
{
    /// <summary>The command <paramref name="name"/> holding <paramref name="subcommands"/>, in the order given.</summary>
    public static Command Of(string name, string description, ChainAccess access, params Func<ChainAccess, Command>[] subcommands)
    {
        ArgumentNullException.ThrowIfNull(access);
        var group = new Command(name, description);
        foreach (var build in subcommands) group.Subcommands.Add(build(access));
        return group;
    }
}
