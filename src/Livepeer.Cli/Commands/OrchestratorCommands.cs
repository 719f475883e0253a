using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Livepeer.Chain.Client;
using Livepeer.Cli.Ledger;
using Livepeer.Core;
using Livepeer.Protocol.Engine;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer orchestrator register|list|reward`: the BondingManager and ServiceRegistry for orchestrators.</summary>
public static class OrchestratorCommands
{
    /// <summary>Builds the command tree.</summary>
    public static Command Create(ChainAccess access) => CommandGroup.Of("orchestrator", "Register as an orchestrator, list the pool, call reward each round", access,
        Register, List, Reward);

    private static Command Register(ChainAccess access)
    {
        var rewardCut = new Option<string>("--reward-cut") { Description = "Share of inflation rewards kept, e.g. 10% or 100000 (ppm)", Required = true, HelpName = "PERCENT" };
        var feeShare = new Option<string>("--fee-share") { Description = "Share of ticket fees passed to delegators, e.g. 50% or 500000 (ppm)", Required = true, HelpName = "PERCENT" };
        var serviceUri = new Option<string>("--service-uri") { Description = "Where broadcasters reach this orchestrator, e.g. https://host:8935", Required = true, HelpName = "URI" };
        var stake = new Option<string?>("--stake") { Description = "LPT to bond to yourself first (needed once to register)", HelpName = "AMOUNT" };
        var price = new Option<string?>("--price-per-pixel")
        {
            Description = $"Price in wei per pixel. Off-chain in Livepeer: kept in <datadir>/{OrchestratorSettings.FileName} for the orchestrator node to quote",
            HelpName = "WEI",
        };
        var command = access.Signing(new Command("register",
            $"Register or update an orchestrator: self-bond (--stake), transcoder(rewardCut, feeShare), setServiceURI; the price goes to <datadir>/{OrchestratorSettings.FileName}")
            { rewardCut, feeShare, serviceUri, stake, price });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var cut = CommandInput.Ppm(parse.GetValue(rewardCut), "--reward-cut");
            var share = CommandInput.Ppm(parse.GetValue(feeShare), "--fee-share");
            var uri = parse.GetValue(serviceUri)!;
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsedUri) || parsedUri.Scheme is not ("http" or "https"))
                throw new CliException($"--service-uri '{uri}' is not an absolute http(s) URI; write e.g. https://my-host:8935.", CliException.Usage);
            UInt256? selfBond = parse.GetValue(stake) is { } s ? CommandInput.Amount(s, Token.Lpt, "--stake") : null;
            string? pricePerPixel = null;
            if (parse.GetValue(price) is { } p)
            {
                if (!UInt256.TryParse(p.Trim(), out var wei) || p.Trim().StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                    throw new CliException($"--price-per-pixel '{p}' must be a whole number of wei, e.g. 1200.", CliException.Usage);
                pricePerPixel = wei.ToString();
            }

            using var client = access.Signer(parse);
            var self = client.Account!.Value;
            var receipts = new List<ChainReceipt>();
            if (selfBond is { } bond) receipts.Add(await client.BondAsync(bond, self, ct));
            try
            {
                receipts.AddRange(await SetRatesAsync(client, cut, share, ct));
                receipts.Add(await client.SetServiceUriAsync(uri, ct));
            }
            catch (ChainTransactionException e) when (receipts.Count > 0)
            {
                // The earlier steps are in blocks already: say so, so a retry does not bond twice.
                var done = selfBond is { } bonded ? $"Self-bonded {CommandOutput.Format(bonded, Token.Lpt)} (block {receipts[0].BlockNumber})" : "Rates set";
                var retry = selfBond is not null ? "run register again without --stake" : "run register again";
                throw new CliException($"{done}, but the next step was refused: {e.Message.TrimEnd('.')}. {RefusalHints.For(e.Reason) ?? ""} Then {retry}.".Replace("  ", " ", StringComparison.Ordinal));
            }
            var dataDir = access.DataDir(parse);
            var settings = new OrchestratorSettings(self.ToString(), uri, cut, share, pricePerPixel ?? OrchestratorSettings.Read(dataDir)?.PricePerPixelWei);
            settings.Write(dataDir);

            if (access.Json(parse))
            {
                CommandOutput.Json(new JsonObject
                {
                    ["orchestrator"] = self.ToString(), ["rewardCut"] = cut, ["feeShare"] = share, ["serviceUri"] = uri,
                    ["selfBond"] = selfBond is { } b ? CommandOutput.Amount(b, Token.Lpt) : null,
                    ["pricePerPixelWei"] = settings.PricePerPixelWei, ["settingsFile"] = OrchestratorSettings.PathIn(dataDir),
                    ["transactions"] = new JsonArray(receipts.Select(r => (JsonNode)CommandOutput.Receipt(r)).ToArray()),
                });
            }
            else
            {
                if (selfBond is { } b) Console.WriteLine($"Self-bonded {CommandOutput.Format(b, Token.Lpt)}.");
                Console.WriteLine($"Orchestrator {self}: reward cut {CommandInput.Percent(cut)}, fee share {CommandInput.Percent(share)}, service URI {uri} (block {receipts[^1].BlockNumber}).");
                Console.WriteLine(settings.PricePerPixelWei is { } wei
                    ? $"Price {wei} wei per pixel saved in {OrchestratorSettings.PathIn(dataDir)} (off-chain; the orchestrator node quotes it)."
                    : $"No price set; give --price-per-pixel WEI to save one in {OrchestratorSettings.PathIn(dataDir)}.");
                Console.WriteLine("It joins the active set from the next round if its stake ranks in the pool; call `livepeer orchestrator reward` every round.");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// transcoder(rewardCut, feeShare); an orchestrator already active this round must call reward() first (the contract
    /// refuses new rates until it has), so register does that for its operator, as the node does.
    /// </summary>
    private static async Task<IReadOnlyList<ChainReceipt>> SetRatesAsync(ILivepeerChain client, long cut, long share, CancellationToken ct)
    {
        try
        {
            return [await client.TranscoderAsync(cut, share, ct)];
        }
        catch (ChainTransactionException e) when (e.Error == ProtocolError.RewardNotCalledThisRound)
        {
            var receipts = new List<ChainReceipt>();
            try
            {
                receipts.Add(await client.RewardAsync(ct));
                Console.Error.WriteLine($"Called reward() first (block {receipts[0].BlockNumber}): an active orchestrator must before it changes its rates.");
            }
            catch (ChainTransactionException again) when (again.Error == ProtocolError.RewardAlreadyCalled)
            {
                // The orchestrator node called it meanwhile.
            }
            receipts.Add(await client.TranscoderAsync(cut, share, ct));
            return receipts;
        }
    }

    private static Command List(ChainAccess access)
    {
        var command = access.Reading(new Command("list", "List the transcoder pool: stake, active, reward cut, fee share, service URI, last reward round"));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = access.Reader(parse);
            var pool = await client.GetTranscoderPoolAsync(ct);
            var transcoders = new List<Protocol.Views.TranscoderView>();
            foreach (var entry in pool) transcoders.Add(await client.GetTranscoderAsync(entry.Transcoder, ct));
            if (access.Json(parse))
            {
                CommandOutput.Json(new JsonArray(transcoders.Select(t => (JsonNode)new JsonObject
                {
                    ["address"] = t.Address.ToString(), ["stake"] = CommandOutput.Amount(t.TotalStake, Token.Lpt), ["active"] = t.Active,
                    ["rewardCut"] = t.RewardCut, ["feeShare"] = t.FeeShare, ["serviceUri"] = t.ServiceUri, ["lastRewardRound"] = t.LastRewardRound,
                    ["activationRound"] = t.ActivationRound,
                }).ToArray()));
                return 0;
            }
            CommandOutput.Table("Transcoder pool", ["Orchestrator", "Stake", "Active", "Reward cut", "Fee share", "Service URI", "Last reward"],
                transcoders.Select(t => new[]
                {
                    t.Address.ToString(), CommandOutput.Format(t.TotalStake, Token.Lpt), t.Active ? "yes" : $"from round {t.ActivationRound}",
                    CommandInput.Percent(t.RewardCut), CommandInput.Percent(t.FeeShare), t.ServiceUri.Length == 0 ? "-" : t.ServiceUri,
                    t.LastRewardRound == 0 ? "never" : t.LastRewardRound.ToString(CultureInfo.InvariantCulture),
                }), "The transcoder pool is empty. Register with `livepeer orchestrator register --stake AMOUNT ...`.");
            return 0;
        }));
        return command;
    }

    private static Command Reward(ChainAccess access)
    {
        var command = access.Signing(new Command("reward", "Mint this round's inflation reward for the orchestrator and its delegators (BondingManager.reward; once per round)"));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = access.Signer(parse);
            var receipt = await client.RewardAsync(ct);
            var minted = receipt.Named("Reward").Select(e => UInt256.Parse(e.Args.GetProperty("amount").GetString()!)).FirstOrDefault();
            CommandOutput.Done(access.Json(parse), receipt, $"Reward: minted {CommandOutput.Format(minted, Token.Lpt)}",
                new JsonObject { ["orchestrator"] = client.Account!.ToString(), ["reward"] = CommandOutput.Amount(minted, Token.Lpt) });
            return 0;
        }));
        return command;
    }
}
