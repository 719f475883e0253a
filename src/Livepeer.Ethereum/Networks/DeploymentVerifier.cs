using System.Text;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Rpc;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;

namespace Livepeer.Ethereum.Networks;

/// <summary>One check of a deployment: what was checked, whether it passed, and what was found.</summary>
public sealed record DeploymentCheck(string Contract, string What, bool Passed, string Detail);

/// <summary>
/// Checks that a deployment answers Livepeer's interface: every contract a node uses is registered in the Controller
/// under Livepeer's name, has code, and answers the view calls of ../shared/reference/livepeer-contracts.md by their
/// selectors (called with zero arguments). It only reads, so it can be pointed at any chain, Livepeer's own included.
/// </summary>
public static class DeploymentVerifier
{
    /// <summary>The view functions called on each contract (Livepeer's signatures; address and uint256 arguments are zero).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Views = new Dictionary<string, IReadOnlyList<string>>
    {
        ["BondingManager"] =
        [
            "getTranscoderPoolSize()", "getTranscoderPoolMaxSize()", "getTotalBonded()", "currentRoundTotalActiveStake()",
            "nextRoundTotalActiveStake()", "unbondingPeriod()", "getFirstTranscoderInPool()", "treasuryRewardCutRate()",
            "getDelegator(address)", "getTranscoder(address)", "isRegisteredTranscoder(address)", "isActiveTranscoder(address)",
            "transcoderTotalStake(address)", "delegatorStatus(address)", "transcoderStatus(address)",
        ],
        ["RoundsManager"] =
        [
            "currentRound()", "currentRoundInitialized()", "currentRoundStartBlock()", "currentRoundLocked()", "roundLength()",
            "roundLockAmount()", "lastInitializedRound()", "blockNum()", "lastRoundLengthUpdateRound()", "lastRoundLengthUpdateStartBlock()",
            "blockHashForRound(uint256)",
        ],
        ["TicketBroker"] =
        [
            "unlockPeriod()", "ticketValidityPeriod()", "getSenderInfo(address)", "isUnlockInProgress(address)",
            "claimableReserve(address,address)", "usedTickets(bytes32)",
        ],
        ["Minter"] = ["currentMintableTokens()", "currentMintedTokens()", "inflation()", "inflationChange()", "targetBondingRate()", "getGlobalTotalSupply()"],
        ["LivepeerToken"] = ["totalSupply()", "decimals()", "symbol()", "name()", "balanceOf(address)"],
        ["ServiceRegistry"] = ["getServiceURI(address)"],
        ["BondingVotes"] = ["clock()", "totalSupply()", "getVotes(address)", "delegates(address)"],
        ["Treasury"] = ["getMinDelay()"],
        ["LivepeerGovernor"] = ["votingDelay()", "votingPeriod()", "proposalThreshold()", "quorumDenominator()"],
    };

    /// <summary>Runs every check against the deployment behind <paramref name="controller"/>; never throws for a failed check.</summary>
    public static async Task<IReadOnlyList<DeploymentCheck>> VerifyAsync(EthereumRpc rpc, Address controller, CancellationToken ct = default)
    {
        var checks = new List<DeploymentCheck>();
        var code = await rpc.CodeAsync(controller.ToString(), ct).ConfigureAwait(false);
        checks.Add(new DeploymentCheck("Controller", "has code", code.Length > 2, controller.ToString()));
        if (code.Length <= 2) return checks;

        foreach (var name in ContractRegistry.NodeContracts)
        {
            var address = await ContractRegistry.ResolveAsync(rpc, controller, name, ct).ConfigureAwait(false);
            checks.Add(new DeploymentCheck(name, $"registered as keccak256(\"{name}\")", address is not null, address?.ToString() ?? "not registered"));
            if (address is not { } a) continue;
            var contractCode = await rpc.CodeAsync(a.ToString(), ct).ConfigureAwait(false);
            checks.Add(new DeploymentCheck(name, "has code", contractCode.Length > 2, $"{(contractCode.Length - 2) / 2} bytes"));
            if (contractCode.Length <= 2) continue;
            foreach (var signature in Views[name])
                checks.Add(await CallViewAsync(rpc, name, a, signature, ct).ConfigureAwait(false));
        }
        // Governance is checked when deployed (a core-only deployment has none): all three or none.
        var governance = new List<(string Name, Address Address)>();
        foreach (var name in ContractRegistry.GovernanceContracts)
            if (await ContractRegistry.ResolveAsync(rpc, controller, name, ct).ConfigureAwait(false) is { } a) governance.Add((name, a));
        if (governance.Count > 0)
            foreach (var name in ContractRegistry.GovernanceContracts)
            {
                var found = governance.FirstOrDefault(g => g.Name == name);
                checks.Add(new DeploymentCheck(name, $"registered as keccak256(\"{name}\")", found.Name is not null, found.Name is null ? "not registered (the other governance contracts are)" : found.Address.ToString()));
                if (found.Name is null) continue;
                var contractCode = await rpc.CodeAsync(found.Address.ToString(), ct).ConfigureAwait(false);
                checks.Add(new DeploymentCheck(name, "has code", contractCode.Length > 2, $"{(contractCode.Length - 2) / 2} bytes"));
                if (contractCode.Length <= 2) continue;
                foreach (var signature in Views[name])
                    checks.Add(await CallViewAsync(rpc, name, found.Address, signature, ct).ConfigureAwait(false));
            }
        return checks;
    }

    private static async Task<DeploymentCheck> CallViewAsync(EthereumRpc rpc, string contract, Address address, string signature, CancellationToken ct)
    {
        var selector = Keccak256.Hash(Encoding.ASCII.GetBytes(signature)).Bytes[..4].ToArray();
        var types = signature[(signature.IndexOf('(') + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var args = new ABIEncode().GetABIEncoded(types.Select(t => new ABIValue(t, ZeroOf(t))).ToArray());
        var data = selector.Concat(args).ToArray().ToHex(true);
        try
        {
            var output = await rpc.CallAsync(new CallInput(data, address.ToString()), "latest", ct).ConfigureAwait(false);
            var bytes = (output.Length - 2) / 2;
            return new DeploymentCheck(contract, signature, bytes >= 32, bytes >= 32 ? $"answered {bytes} bytes" : "answered nothing (no such function?)");
        }
        catch (RpcResponseException e)
        {
            return new DeploymentCheck(contract, signature, false, $"reverted: {e.RpcError?.Message ?? e.Message}");
        }
    }

    private static object ZeroOf(string type) => type switch
    {
        "address" => Address.Zero.ToString(),
        "uint256" or "uint64" or "uint8" => 0,
        "bytes32" => new byte[32],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No zero value for this ABI type."),
    };
}
