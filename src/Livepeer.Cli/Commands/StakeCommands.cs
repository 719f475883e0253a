using System.CommandLine;
using System.Text.Json.Nodes;
using Livepeer.Cli.Ledger;
using Livepeer.Core;
using Livepeer.Protocol.Bonding;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer stake bond|unbond|rebond|withdraw-stake|withdraw-fees|claim|status`: the BondingManager for delegators.</summary>
public static class StakeCommands
{
    /// <summary>Builds the command tree.</summary>
    public static Command Create(ChainAccess access) => CommandGroup.Of("stake", "Delegate LPT to an orchestrator, claim rewards and fees, unbond and withdraw", access,
        Bond, Unbond, Rebond, WithdrawStake, WithdrawFees, Claim, Status);

    private static Argument<string> AmountArgument(string what) => new("amount") { Description = $"{what}, e.g. 100 (LPT), '100 LPT' or '1000 wei'" };

    private static Argument<long> LockArgument() => new("lock-id") { Description = "Unbonding lock id (see `livepeer stake status`)" };

    private static Command Bond(ChainAccess access)
    {
        var amount = AmountArgument("LPT to bond");
        var to = new Option<string>("--to") { Description = "Orchestrator to delegate to (see `livepeer orchestrator list`)", HelpName = "ORCH", Required = true };
        var command = access.Signing(new Command("bond", "Bond LPT to an orchestrator (BondingManager.bond); it counts from the next round") { amount, to });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var wei = CommandInput.Amount(parse.GetValue(amount), Token.Lpt, "amount");
            var orchestrator = CommandInput.Address(parse.GetValue(to), "--to");
            using var client = access.Signer(parse);
            var receipt = await client.BondAsync(wei, orchestrator, ct);
            CommandOutput.Done(access.Json(parse), receipt, $"Bonded {CommandOutput.Format(wei, Token.Lpt)} to {orchestrator}",
                new JsonObject { ["delegator"] = client.Account!.ToString(), ["to"] = orchestrator.ToString(), ["amount"] = CommandOutput.Amount(wei, Token.Lpt) });
            return 0;
        }));
        return command;
    }

    private static Command Unbond(ChainAccess access)
    {
        var amount = AmountArgument("Bonded LPT to unbond");
        var command = access.Signing(new Command("unbond", "Start unbonding stake: it becomes an unbonding lock, withdrawable after the unbonding period") { amount });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var wei = CommandInput.Amount(parse.GetValue(amount), Token.Lpt, "amount");
            using var client = access.Signer(parse);
            var receipt = await client.UnbondAsync(wei, ct);
            var unbond = receipt.Named("Unbond").FirstOrDefault();
            var lockId = unbond?.Args.TryGetProperty("unbondingLockId", out var l) == true ? l.GetInt64() : (long?)null;
            var withdrawRound = unbond?.Args.TryGetProperty("withdrawRound", out var w) == true ? w.GetInt64() : (long?)null;
            CommandOutput.Done(access.Json(parse), receipt,
                $"Unbonding {CommandOutput.Format(wei, Token.Lpt)}: lock {lockId}, withdraw with `livepeer stake withdraw-stake {lockId}` from round {withdrawRound}",
                new JsonObject { ["amount"] = CommandOutput.Amount(wei, Token.Lpt), ["lockId"] = lockId, ["withdrawRound"] = withdrawRound });
            return 0;
        }));
        return command;
    }

    private static Command Rebond(ChainAccess access)
    {
        var lockId = LockArgument();
        var to = new Option<string?>("--to") { Description = "Orchestrator to bond to when everything was unbonded (BondingManager.rebondFromUnbonded)", HelpName = "ORCH" };
        var command = access.Signing(new Command("rebond", "Bond an unbonding lock's stake again: to the current delegate, or --to ORCH if fully unbonded") { lockId, to });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var id = parse.GetValue(lockId);
            var target = parse.GetValue(to) is { } t ? CommandInput.Address(t, "--to") : (Address?)null;
            using var client = access.Signer(parse);
            var receipt = target is { } orchestrator ? await client.RebondFromUnbondedAsync(orchestrator, id, ct) : await client.RebondAsync(id, ct);
            CommandOutput.Done(access.Json(parse), receipt, $"Rebonded unbonding lock {id}" + (target is null ? "" : $" to {target}"),
                new JsonObject { ["lockId"] = id, ["to"] = target?.ToString() });
            return 0;
        }));
        return command;
    }

    private static Command WithdrawStake(ChainAccess access)
    {
        var lockId = LockArgument();
        var command = access.Signing(new Command("withdraw-stake", "Withdraw an unbonding lock's LPT once its withdraw round is reached") { lockId });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var id = parse.GetValue(lockId);
            using var client = access.Signer(parse);
            var receipt = await client.WithdrawStakeAsync(id, ct);
            CommandOutput.Done(access.Json(parse), receipt, $"Withdrew the stake of unbonding lock {id}", new JsonObject { ["lockId"] = id });
            return 0;
        }));
        return command;
    }

    private static Command WithdrawFees(ChainAccess access)
    {
        var amount = new Argument<string?>("amount") { Description = "ETH to withdraw (default: all earned fees)", Arity = ArgumentArity.ZeroOrOne };
        var to = new Option<string?>("--to") { Description = "Recipient of the ETH (default: the --from account)", HelpName = "ADDRESS" };
        var command = access.Signing(new Command("withdraw-fees", "Withdraw earned ETH fees (claims earnings first)") { amount, to });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var given = parse.GetValue(amount);
            UInt256? wei = given is null ? null : CommandInput.Amount(given, Token.Eth, "amount");
            var recipientText = parse.GetValue(to);
            Address? recipient = recipientText is null ? null : CommandInput.Address(recipientText, "--to");
            using var client = access.Signer(parse);
            var self = client.Account!.Value;
            var fees = wei ?? (await client.GetDelegatorAsync(self, ct)).PendingFees;
            if (fees.IsZero) throw new CliException($"{self} has no fees to withdraw. Fees come from tickets redeemed by the orchestrator it delegates to.");
            var receipt = await client.WithdrawFeesAsync(recipient ?? self, fees, ct);
            CommandOutput.Done(access.Json(parse), receipt, $"Withdrew {CommandOutput.Format(fees, Token.Eth)} of fees to {recipient ?? self}",
                new JsonObject { ["amount"] = CommandOutput.Amount(fees, Token.Eth), ["to"] = (recipient ?? self).ToString() });
            return 0;
        }));
        return command;
    }

    private static Command Claim(ChainAccess access)
    {
        var endRound = new Option<long?>("--end-round") { Description = "Passed to claimEarnings(endRound), which ignores it as Livepeer's contracts do: earnings are always claimed through the current round", HelpName = "N" };
        var command = access.Signing(new Command("claim", "Claim reward stake and fees earned through the current round (BondingManager.claimEarnings)") { endRound });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = access.Signer(parse);
            var self = client.Account!.Value;
            var round = parse.GetValue(endRound) ?? (await client.GetRoundInfoAsync(ct)).CurrentRound;
            var before = await client.GetDelegatorAsync(self, ct);
            var receipt = await client.ClaimEarningsAsync(round, ct);
            var after = await client.GetDelegatorAsync(self, ct);
            // A slash between the reads could shrink the bond: report no gain rather than underflow.
            var stake = after.BondedAmount > before.BondedAmount ? after.BondedAmount - before.BondedAmount : UInt256.Zero;
            var fees = after.Fees > before.Fees ? after.Fees - before.Fees : UInt256.Zero;
            CommandOutput.Done(access.Json(parse), receipt,
                $"Claimed through round {round}: +{CommandOutput.Format(stake, Token.Lpt)} stake, +{CommandOutput.Format(fees, Token.Eth)} fees",
                new JsonObject
                {
                    ["endRound"] = round, ["rewardStake"] = CommandOutput.Amount(stake, Token.Lpt), ["fees"] = CommandOutput.Amount(fees, Token.Eth),
                    ["bonded"] = CommandOutput.Amount(after.BondedAmount, Token.Lpt), ["totalFees"] = CommandOutput.Amount(after.Fees, Token.Eth),
                });
            return 0;
        }));
        return command;
    }

    private static Command Status(ChainAccess access)
    {
        var address = new Argument<string?>("address") { Description = "Delegator to show (default: the first keystore account)", Arity = ArgumentArity.ZeroOrOne };
        var command = access.Reading(new Command("status", "Show a delegator: bonded and pending stake, fees, delegate, status and unbonding locks") { address });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var who = access.AddressOrSelf(parse, parse.GetValue(address));
            using var client = access.Reader(parse);
            var d = await client.GetDelegatorAsync(who, ct);
            var round = (await client.GetRoundInfoAsync(ct)).CurrentRound;
            if (access.Json(parse))
            {
                CommandOutput.Json(new JsonObject
                {
                    ["address"] = d.Address.ToString(),
                    ["status"] = d.Status.ToString(),
                    ["delegate"] = d.DelegateAddress.IsZero ? null : d.DelegateAddress.ToString(),
                    ["bonded"] = CommandOutput.Amount(d.BondedAmount, Token.Lpt),
                    ["pendingStake"] = CommandOutput.Amount(d.PendingStake, Token.Lpt),
                    ["fees"] = CommandOutput.Amount(d.Fees, Token.Eth),
                    ["pendingFees"] = CommandOutput.Amount(d.PendingFees, Token.Eth),
                    ["delegatedToMe"] = CommandOutput.Amount(d.DelegatedAmount, Token.Lpt),
                    ["startRound"] = d.StartRound,
                    ["lastClaimRound"] = d.LastClaimRound,
                    ["currentRound"] = round,
                    ["unbondingLocks"] = new JsonArray(d.UnbondingLocks.Select(l => (JsonNode)new JsonObject
                    {
                        ["id"] = l.Id, ["amount"] = CommandOutput.Amount(l.Lock.Amount, Token.Lpt), ["withdrawRound"] = l.Lock.WithdrawRound,
                        ["withdrawable"] = round >= l.Lock.WithdrawRound,
                    }).ToArray()),
                });
                return 0;
            }
            CommandOutput.Facts("Delegator",
                ("Address", d.Address.ToString()),
                ("Status", d.Status == DelegatorStatus.Pending ? $"Pending (counts from round {d.StartRound})" : d.Status.ToString()),
                ("Delegate", d.DelegateAddress.IsZero ? "-" : d.DelegateAddress.ToString()),
                ("Bonded", CommandOutput.Format(d.BondedAmount, Token.Lpt)),
                ("Pending stake", CommandOutput.Format(d.PendingStake, Token.Lpt) + " (bonded + unclaimed rewards)"),
                ("Pending fees", CommandOutput.Format(d.PendingFees, Token.Eth)),
                ("Last claim round", d.LastClaimRound.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Current round", round.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            CommandOutput.Table("Unbonding locks", ["Lock", "Amount", "Withdraw round", "Withdrawable"],
                d.UnbondingLocks.Select(l => new[]
                {
                    l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CommandOutput.Format(l.Lock.Amount, Token.Lpt),
                    l.Lock.WithdrawRound.ToString(System.Globalization.CultureInfo.InvariantCulture), round >= l.Lock.WithdrawRound ? "yes" : "no",
                }), "No unbonding locks.");
            return 0;
        }));
        return command;
    }
}
