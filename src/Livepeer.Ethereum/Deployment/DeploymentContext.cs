using System.Numerics;
using Livepeer.Ethereum.Contracts;
using Livepeer.Protocol.Parameters;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Livepeer.Ethereum.Deployment;

/// <summary>What deployment steps share: the signer's Web3, the artifacts, the parameters, the Controller and what is registered so far.</summary>
public sealed class DeploymentContext
{
    private readonly Dictionary<string, string> _registered = new(StringComparer.Ordinal);

    internal DeploymentContext(IWeb3 web3, string deployer, ContractArtifacts artifacts, ProtocolParameters parameters, DeploymentOptions options)
    {
        Web3 = web3;
        Deployer = deployer;
        Artifacts = artifacts;
        Parameters = parameters;
        Options = options;
    }

    /// <summary>Web3 signing with the deployer's key.</summary>
    public IWeb3 Web3 { get; }
    /// <summary>The deployer's address (the Controller's owner).</summary>
    public string Deployer { get; }
    /// <summary>The compiled contracts.</summary>
    public ContractArtifacts Artifacts { get; }
    /// <summary>The protocol parameters to configure.</summary>
    public ProtocolParameters Parameters { get; }
    /// <summary>The deployment's options.</summary>
    public DeploymentOptions Options { get; }
    /// <summary>The Controller's address (set before the first step runs).</summary>
    public string Controller { get; internal set; } = "";
    /// <summary>Every contract registered so far, by name.</summary>
    public IReadOnlyDictionary<string, string> Registered => _registered;

    /// <summary>Deploys artifact <paramref name="artifactName"/> with constructor arguments; returns its address.</summary>
    public async Task<string> DeployAsync(string artifactName, CancellationToken ct, params object[] constructorArgs)
    {
        var artifact = Artifacts.Get(artifactName);
        var estimate = await Web3.Eth.DeployContract.EstimateGasAsync(artifact.Abi, artifact.Bytecode, Deployer, constructorArgs);
        var receipt = await Web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(
            artifact.Abi, artifact.Bytecode, Deployer, WithMargin(estimate), null, null, ct, constructorArgs);
        RequireSuccess(receipt, $"deploy {artifactName}");
        return receipt.ContractAddress;
    }

    /// <summary>Sends <paramref name="function"/> of artifact <paramref name="artifactName"/> at <paramref name="address"/> and waits for success.</summary>
    public async Task<TransactionReceipt> SendAsync(string artifactName, string address, string function, CancellationToken ct, params object[] args)
    {
        var fn = Web3.Eth.GetContract(Artifacts.Get(artifactName).Abi, address).GetFunction(function);
        var estimate = await fn.EstimateGasAsync(Deployer, null, null, args);
        var receipt = await fn.SendTransactionAndWaitForReceiptAsync(Deployer, WithMargin(estimate), null, null, ct, args);
        RequireSuccess(receipt, $"{artifactName}.{function}");
        return receipt;
    }

    /// <summary>Registers <paramref name="address"/> under <paramref name="name"/> in the Controller.</summary>
    public async Task RegisterAsync(string name, string address, CancellationToken ct)
    {
        await SendAsync(ContractNames.Controller, Controller, "setContractInfo", ct, ContractNames.Id(name), address, new byte[20]);
        _registered[name] = address;
    }

    /// <summary>The address registered under <paramref name="name"/>, or null.</summary>
    public string? AddressOf(string name) => _registered.TryGetValue(name, out var a) ? a : null;

    /// <summary>
    /// The estimate plus a fifth: an explicit limit, because Nethereum's default can exceed the per-transaction gas cap
    /// of current hardforks (EIP-7825, 2^24), and such a transaction is dropped without an error.
    /// </summary>
    private static HexBigInteger WithMargin(HexBigInteger estimate) =>
        new(BigInteger.Min(estimate.Value * 6 / 5, MaxTransactionGas));

    private static readonly BigInteger MaxTransactionGas = 16_777_216;

    private static void RequireSuccess(TransactionReceipt receipt, string what)
    {
        if (receipt.Status is null || receipt.Status.Value != BigInteger.One)
            throw new DeploymentException($"{what} failed (transaction {receipt.TransactionHash}, status {receipt.Status?.Value}).");
    }
}

/// <summary>A deployment transaction failed; the message names the call.</summary>
public sealed class DeploymentException(string message) : Exception(message);
