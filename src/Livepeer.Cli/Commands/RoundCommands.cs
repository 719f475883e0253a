using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Livepeer.Cli.Ledger;
using Livepeer.Core;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer round status|initialize`: the RoundsManager.</summary>
public static class RoundCommands
{
    /// <summary>Builds the command tree.</summary>
    public static Command Create(ChainAccess access) => CommandGroup.Of("round", "See the current round and initialize it (staking, rewards and tickets need it)", access,
        Status, Initialize);

    private static Command Status(ChainAccess access)
    {
        var command = access.Reading(new Command("status", "Show the current round, whether it is initialized or locked, and the active stake"));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = access.Reader(parse);
            var info = await client.GetRoundInfoAsync(ct);
            var block = await client.BlockNumberAsync(ct);
            if (access.Json(parse))
            {
                CommandOutput.Json(new JsonObject
                {
                    ["currentRound"] = info.CurrentRound, ["initialized"] = info.Initialized, ["locked"] = info.Locked,
                    ["lastInitializedRound"] = info.LastInitializedRound, ["roundLength"] = info.RoundLength,
                    ["currentRoundStartBlock"] = info.CurrentRoundStartBlock, ["blockNumber"] = block,
                    ["totalActiveStake"] = CommandOutput.Amount(info.CurrentRoundTotalActiveStake, Token.Lpt),
                    ["nextRoundTotalActiveStake"] = CommandOutput.Amount(info.NextRoundTotalActiveStake, Token.Lpt),
                });
                return 0;
            }
            string N(long n) => n.ToString(CultureInfo.InvariantCulture);
            CommandOutput.Facts($"Round {info.CurrentRound}",
                ("Initialized", info.Initialized ? "yes" : "no: run `livepeer round initialize`"),
                ("Locked", info.Locked ? "yes (rates cannot change until the next round)" : "no"),
                ("Start block", $"{N(info.CurrentRoundStartBlock)} ({N(info.RoundLength)} blocks per round, head {N(block)})"),
                ("Active stake", CommandOutput.Format(info.CurrentRoundTotalActiveStake, Token.Lpt)),
                ("Next round's active stake", CommandOutput.Format(info.NextRoundTotalActiveStake, Token.Lpt)));
            return 0;
        }));
        return command;
    }

    private static Command Initialize(ChainAccess access)
    {
        var command = access.Signing(new Command("initialize", "Initialize the current round (RoundsManager.initializeRound); anyone may call it once per round"));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = access.Signer(parse);
            var receipt = await client.InitializeRoundAsync(ct);
            var round = receipt.Named("NewRound").Select(e => e.Args.GetProperty("round").GetInt64()).FirstOrDefault();
            CommandOutput.Done(access.Json(parse), receipt, $"Round {round} initialized", new JsonObject { ["round"] = round });
            return 0;
        }));
        return command;
    }
}
