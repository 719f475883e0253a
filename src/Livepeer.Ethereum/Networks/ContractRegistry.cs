using Livepeer.Core;
using Livepeer.Ethereum.Deployment;
using Livepeer.Ethereum.Rpc;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Livepeer.Ethereum.Networks;

/// <summary>Finds the protocol's contracts through <c>Controller.getContract(keccak256(name))</c>, under Livepeer's names.</summary>
public static class ContractRegistry
{
    /// <summary>The contracts a node uses (proxies are called with their target's ABI).</summary>
    public static readonly IReadOnlyList<string> NodeContracts =
        ["BondingManager", "RoundsManager", "TicketBroker", "Minter", "LivepeerToken", "ServiceRegistry"];

    /// <summary>The governance contracts.</summary>
    public static readonly IReadOnlyList<string> GovernanceContracts = ["BondingVotes", "Treasury", "LivepeerGovernor"];

    /// <summary>The address registered under <paramref name="name"/>, or null when none is.</summary>
    public static async Task<Address?> ResolveAsync(EthereumRpc rpc, Address controller, string name, CancellationToken ct = default)
    {
        var address = Address.Parse(await rpc.QueryAsync<GetContractFunction, string>(controller.ToString(), new GetContractFunction { Id = ContractNames.Id(name) }, ct).ConfigureAwait(false));
        return address.IsZero ? null : address;
    }

    /// <summary>Every name in <paramref name="names"/> resolved; throws <see cref="MissingContractException"/> naming the first one that is not registered.</summary>
    public static async Task<IReadOnlyDictionary<string, Address>> ResolveAllAsync(EthereumRpc rpc, Address controller, IEnumerable<string> names, CancellationToken ct = default)
    {
        var result = new Dictionary<string, Address>(StringComparer.Ordinal);
        foreach (var name in names)
            result[name] = await ResolveAsync(rpc, controller, name, ct).ConfigureAwait(false) ?? throw new MissingContractException(controller, name);
        return result;
    }

    [Function("getContract", "address")]
    private sealed class GetContractFunction : FunctionMessage
    {
        [Parameter("bytes32", "_id", 1)] public byte[] Id { get; set; } = [];
    }
}

/// <summary>The Controller has no contract registered under a name the node needs.</summary>
public sealed class MissingContractException(Address controller, string name)
    : Exception($"The Controller {controller} has no contract registered as {name}: is --eth-controller the protocol's Controller on this chain?")
{
    /// <summary>The missing name.</summary>
    public string Name { get; } = name;
}
