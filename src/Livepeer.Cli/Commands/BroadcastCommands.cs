using System.CommandLine;
using System.Text.Json.Nodes;
using Livepeer.Cli.Ledger;
using Livepeer.Core;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer broadcast fund|unlock|cancel-unlock|withdraw|status`: a broadcaster's TicketBroker deposit and reserve.</summary>
public static class BroadcastCommands
{
    /// <summary>Builds the command tree.</summary>
    public static Command Create(ChainAccess access) => CommandGroup.Of("broadcast", "Fund the ticket broker deposit and reserve that pay orchestrators, and take them back", access,
        Fund,
        a => Simple(a, "unlock", "Start the unlock period; after it, `livepeer broadcast withdraw` returns deposit and reserve",
            (c, ct) => c.UnlockAsync(ct), "Unlock started: withdraw after the unlock period (see `livepeer broadcast status`)"),
        a => Simple(a, "cancel-unlock", "Cancel an unlock in progress so the funds can pay tickets again",
            (c, ct) => c.CancelUnlockAsync(ct), "Unlock cancelled"),
        a => Simple(a, "withdraw", "Withdraw deposit and reserve after the unlock period",
            (c, ct) => c.WithdrawAsync(ct), "Deposit and reserve withdrawn"),
        Status);

    private static Command Fund(ChainAccess access)
    {
        var deposit = new Option<string?>("--deposit") { Description = "ETH added to the deposit (pays winning tickets)", HelpName = "AMOUNT" };
        var reserve = new Option<string?>("--reserve") { Description = "ETH added to the reserve (backs tickets when the deposit runs out)", HelpName = "AMOUNT" };
        var command = access.Signing(new Command("fund", "Add ETH to the deposit and reserve (TicketBroker.fundDepositAndReserve)") { deposit, reserve });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var d = parse.GetValue(deposit) is { } dt ? CommandInput.Amount(dt, Token.Eth, "--deposit") : UInt256.Zero;
            var r = parse.GetValue(reserve) is { } rt ? CommandInput.Amount(rt, Token.Eth, "--reserve") : UInt256.Zero;
            if (d.IsZero && r.IsZero) throw new CliException("Give --deposit AMOUNT and/or --reserve AMOUNT (in ETH), e.g. --deposit 1 --reserve 0.5.", CliException.Usage);
            using var client = access.Signer(parse);
            var receipt = await client.FundDepositAndReserveAsync(d, r, ct);
            CommandOutput.Done(access.Json(parse), receipt, $"Funded {CommandOutput.Format(d, Token.Eth)} deposit and {CommandOutput.Format(r, Token.Eth)} reserve",
                new JsonObject { ["deposit"] = CommandOutput.Amount(d, Token.Eth), ["reserve"] = CommandOutput.Amount(r, Token.Eth) });
            return 0;
        }));
        return command;
    }

    private static Command Simple(ChainAccess access, string name, string description,
        Func<Chain.Client.ILivepeerChain, CancellationToken, Task<Chain.Client.ChainReceipt>> call, string summary)
    {
        var command = access.Signing(new Command(name, description));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = access.Signer(parse);
            var receipt = await call(client, ct);
            CommandOutput.Done(access.Json(parse), receipt, summary, new JsonObject { ["sender"] = client.Account!.ToString() });
            return 0;
        }));
        return command;
    }

    private static Command Status(ChainAccess access)
    {
        var address = new Argument<string?>("address") { Description = "Broadcaster to show (default: the first keystore account)", Arity = ArgumentArity.ZeroOrOne };
        var command = access.Reading(new Command("status", "Show a broadcaster's deposit, reserve and unlock state") { address });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var who = access.AddressOrSelf(parse, parse.GetValue(address));
            using var client = access.Reader(parse);
            var info = await client.GetSenderInfoAsync(who, ct);
            var round = (await client.GetRoundInfoAsync(ct)).CurrentRound;
            var unlocking = info.WithdrawRound > 0;
            if (access.Json(parse))
            {
                CommandOutput.Json(new JsonObject
                {
                    ["sender"] = who.ToString(), ["deposit"] = CommandOutput.Amount(info.Deposit, Token.Eth),
                    ["reserve"] = CommandOutput.Amount(info.ReserveRemaining, Token.Eth),
                    ["reserveClaimedThisRound"] = CommandOutput.Amount(info.ReserveClaimedInCurrentRound, Token.Eth),
                    ["withdrawRound"] = info.WithdrawRound, ["withdrawable"] = unlocking && round >= info.WithdrawRound, ["currentRound"] = round,
                });
                return 0;
            }
            CommandOutput.Facts("Broadcaster",
                ("Address", who.ToString()),
                ("Deposit", CommandOutput.Format(info.Deposit, Token.Eth)),
                ("Reserve", CommandOutput.Format(info.ReserveRemaining, Token.Eth)),
                ("Unlock", !unlocking ? "not started" : round >= info.WithdrawRound ? $"done: withdraw now (round {info.WithdrawRound})" : $"withdrawable from round {info.WithdrawRound}"),
                ("Current round", round.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return 0;
        }));
        return command;
    }
}
