using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Chain.Execution;
using Livepeer.Cli.Ledger;
using Livepeer.Core;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Deployment;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer contracts deploy|verify`: puts the protocol's contracts on an EVM chain, and checks a deployment answers Livepeer's interface.</summary>
public static class ContractsCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(ChainAccess access) => CommandGroup.Of("contracts", "The protocol as EVM contracts with Livepeer's interface: deploy them, or verify a deployment", access,
        Deploy, Verify);

    private static Option<string> RequiredEthUrl() => new("--eth-url") { Description = "Ethereum JSON-RPC URL", HelpName = "URL", Required = true };

    private static Command Deploy(ChainAccess access)
    {
        var ethUrl = RequiredEthUrl();
        var parameters = new Option<string?>("--params") { Description = "JSON file of protocol parameters (ProtocolParameters fields; default: Livepeer's mainnet values)", HelpName = "FILE" };
        var mint = new Option<string[]>("--mint") { Description = "Mint LPT at deployment: ADDRESS=TOKENS (repeatable)", HelpName = "ADDRESS=TOKENS", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--out") { Description = "Where to write the deployment file (default: <datadir>/deployments/<chainId>.json)", HelpName = "FILE" };
        var verifiers = new Option<string[]>("--verifier") { Description = "Appoint a verifier in the Verifier contract (repeatable; governance can change the set later)", HelpName = "ADDRESS", AllowMultipleArgumentsPerToken = false };
        var threshold = new Option<int?>("--verifier-threshold") { Description = "Attestations a failed-verification report needs (default: a majority of --verifier)", HelpName = "K" };
        var coreOnly = new Option<bool>("--core-only") { Description = "Deploy the core protocol only (no BondingVotes, LivepeerGovernor, Treasury, Verifier); the Controller stays with the deploying account" };
        var command = new Command("deploy", "Deploy the whole protocol from a keystore account: core, governance (BondingVotes, LivepeerGovernor, Treasury) and the Verifier; set the parameters, register every contract in a new Controller, unpause, hand the Controller and the token's admin role to the Treasury, write the deployment file")
        {
            ethUrl, parameters, mint, output, verifiers, threshold, coreOnly, access.From, access.PasswordFile,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var url = Url(parse.GetValue(ethUrl)!);
            var p = parse.GetValue(parameters) is { } file ? ReadParameters(file) : ProtocolParameters.Mainnet;
            var options = new DeploymentOptions { InitialBalances = (parse.GetValue(mint) ?? []).Select(ParseMint).ToList() };
            var appointed = (parse.GetValue(verifiers) ?? []).Select(v => CommandInput.Address(v, "--verifier").ToString()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var k = parse.GetValue(threshold) ?? (appointed.Count == 0 ? 0 : appointed.Count / 2 + 1);
            if (parse.GetValue(coreOnly) && (appointed.Count > 0 || parse.GetValue(threshold) is not null))
                throw new CliException("--core-only deploys no Verifier: drop --verifier and --verifier-threshold.", CliException.Usage);
            if (appointed.Count == 0 ? k != 0 : k < 1 || k > appointed.Count)
                throw new CliException($"--verifier-threshold must be between 1 and the number of --verifier ({appointed.Count}), got {k}.", CliException.Usage);
            var steps = parse.GetValue(coreOnly) ? ProtocolDeployer.CoreOnlySteps : ProtocolDeployer.FullSteps(appointed, k);
            using var key = access.UnlockKey(parse);
            var record = await new ProtocolDeployer(url, key.ToHex(), ContractArtifacts.Locate(), p, options, steps).DeployAsync(ct);

            var path = parse.GetValue(output) ?? Path.Combine(access.DataDir(parse), "deployments", $"{record.ChainId}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, record.ToJson(), ct);
            if (access.Json(parse))
            {
                var node = JsonNode.Parse(record.ToJson())!.AsObject();
                node["file"] = path;
                CommandOutput.Json(node);
            }
            else
            {
                Console.WriteLine($"Deployed to chain {record.ChainId}: Controller {record.Controller} ({record.Contracts.Count} contracts, block {record.Block}); written to {path}");
                Console.WriteLine($"Use it with: --eth-url {url} --eth-controller {record.Controller} --network {NetworkName(record.ChainId)}");
            }
            return 0;
        }));
        return command;
    }

    private static Command Verify(ChainAccess access)
    {
        var ethUrl = RequiredEthUrl();
        var controller = new Option<string>("--eth-controller") { Description = "The deployment's Controller", HelpName = "ADDRESS", Required = true };
        var command = new Command("verify", "Check that a deployment answers Livepeer's interface: every contract registered under its name, with code, answering the view calls by selector")
        {
            ethUrl, controller,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            using var rpc = new EthereumRpc(Url(parse.GetValue(ethUrl)!));
            var checks = await DeploymentVerifier.VerifyAsync(rpc, CommandInput.Address(parse.GetValue(controller), "--eth-controller"), ct);
            var failed = checks.Count(c => !c.Passed);
            if (access.Json(parse))
            {
                CommandOutput.Json(new JsonObject
                {
                    ["passed"] = failed == 0,
                    ["checks"] = new JsonArray(checks.Select(c => (JsonNode)new JsonObject
                    {
                        ["contract"] = c.Contract, ["check"] = c.What, ["passed"] = c.Passed, ["detail"] = c.Detail,
                    }).ToArray()),
                });
            }
            else
            {
                foreach (var c in checks.Where(c => !c.Passed)) Console.WriteLine($"FAIL {c.Contract} {c.What}: {c.Detail}");
                Console.WriteLine(failed == 0
                    ? $"OK: {checks.Count} checks passed; the deployment answers Livepeer's interface."
                    : $"{failed} of {checks.Count} checks failed.");
            }
            return failed == 0 ? 0 : CliException.Failure;
        }));
        return command;
    }

    private static Uri Url(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliException($"--eth-url '{text}' is not an http(s) URL; write e.g. http://127.0.0.1:8545.", CliException.Usage);

    private static string NetworkName(long chainId) =>
        EthereumNetwork.Presets.FirstOrDefault(p => p.ChainId == chainId)?.Name ?? $"custom:{chainId}";

    private static ProtocolParameters ReadParameters(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<ProtocolParameters>(File.ReadAllText(file), ProtocolJson.Options)
                ?? throw new CliException($"{file} is empty; write a JSON object of protocol parameters.");
        }
        catch (JsonException e)
        {
            throw new CliException($"{file} is not a JSON object of protocol parameters: {e.Message}");
        }
    }

    private static InitialBalance ParseMint(string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length != 2) throw new CliException($"--mint '{text}': write ADDRESS=TOKENS, e.g. 0xf39F...2266=1000.", CliException.Usage);
        return new InitialBalance(CommandInput.Address(parts[0], "--mint").ToString(), CommandInput.Amount(parts[1], Token.Lpt, "--mint").Value);
    }
}
