using System.CommandLine;
using System.Text.Json.Nodes;
using Livepeer.Cli.Ledger;
using Livepeer.Core;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer lpt balance|transfer` and `livepeer eth balance|transfer`.</summary>
public static class TokenCommands
{
    /// <summary>Builds the command tree for one token.</summary>
    public static Command Create(ChainAccess access, Token token)
    {
        ArgumentNullException.ThrowIfNull(access);
        var unit = TokenAmount.Unit(token);
        var command = token == Token.Lpt
            ? new Command("lpt", "Livepeer Token: balances and transfers")
            : new Command("eth", "Ether: balances and transfers (pays for transcoding via the ticket broker)");
        command.Subcommands.Add(Balance(access, token, unit));
        command.Subcommands.Add(Transfer(access, token, unit));
        return command;
    }

    private static Command Balance(ChainAccess access, Token token, string unit)
    {
        var address = new Argument<string?>("address") { Description = "Account to show (default: the first keystore account)", Arity = ArgumentArity.ZeroOrOne };
        var command = access.Reading(new Command("balance", $"Show an account's {unit} balance") { address });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var who = access.AddressOrSelf(parse, parse.GetValue(address));
            using var client = access.Reader(parse);
            var balance = await client.GetBalanceAsync(who, ct);
            var amount = token == Token.Lpt ? balance.Lpt : balance.Eth;
            if (access.Json(parse))
            {
                var json = new JsonObject { ["address"] = who.ToString(), ["balance"] = CommandOutput.Amount(amount, token) };
                if (token == Token.Lpt) json["locked"] = CommandOutput.Amount(balance.LockedLpt, token);
                CommandOutput.Json(json);
            }
            else
            {
                Console.WriteLine($"{who}: {CommandOutput.Format(amount, token)}" +
                    (token == Token.Lpt && !balance.LockedLpt.IsZero ? $" ({CommandOutput.Format(balance.LockedLpt, token)} locked by vesting)" : ""));
            }
            return 0;
        }));
        return command;
    }

    private static Command Transfer(ChainAccess access, Token token, string unit)
    {
        var to = new Argument<string>("to") { Description = "Recipient address" };
        var amount = new Argument<string>("amount") { Description = $"Amount, e.g. 1.5 (in {unit}), '1.5 {unit}' or '1000 wei'" };
        var command = access.Signing(new Command("transfer", $"Send {unit} from the --from account") { to, amount });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var recipient = CommandInput.Address(parse.GetValue(to), "to");
            var wei = CommandInput.Amount(parse.GetValue(amount), token, "amount");
            using var client = access.Signer(parse);
            var receipt = token == Token.Lpt ? await client.TransferAsync(recipient, wei, ct) : await client.SendEthAsync(recipient, wei, ct);
            CommandOutput.Done(access.Json(parse), receipt, $"Sent {CommandOutput.Format(wei, token)} to {recipient}",
                new JsonObject { ["from"] = client.Account!.ToString(), ["to"] = recipient.ToString(), ["amount"] = CommandOutput.Amount(wei, token) });
            return 0;
        }));
        return command;
    }
}
