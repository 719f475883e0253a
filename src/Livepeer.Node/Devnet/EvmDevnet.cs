using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Anvil;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Deployment;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Transactions;
using Livepeer.Node.Chains;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Devnet;

/// <summary>
/// The devnet's chain on a real EVM: a fresh anvil, then mining a block every <see cref="DevnetOptions.BlockTime"/>, the whole
/// protocol (core, governance, Verifier) deployed by <see cref="ProtocolDeployer"/> with the devnet's parameters, LPT
/// minted to the plan's accounts, ETH sent from anvil's first dev account, the Controller handed to the Treasury.
/// </summary>
public sealed class EvmDevnet : IAsyncDisposable
{
    private EvmDevnet(AnvilProcess anvil, DeploymentRecord record, EthereumConnector connector) => (Anvil, Record, Connector) = (anvil, record, connector);

    /// <summary>The anvil process.</summary>
    public AnvilProcess Anvil { get; }
    /// <summary>Where every contract is.</summary>
    public DeploymentRecord Record { get; }
    /// <summary>How the nodes reach it.</summary>
    public EthereumConnector Connector { get; }

    /// <summary>Starts anvil on <paramref name="port"/>, deploys and funds.</summary>
    public static async Task<EvmDevnet> StartAsync(int port, TimeSpan blockTime, ProtocolParameters parameters, IReadOnlyList<(Address Holder, UInt256 Lpt)> lpt,
        IReadOnlyList<(Address Holder, UInt256 Eth)> eth, IReadOnlyList<Address> verifiers, int threshold, IProgress<string> progress, CancellationToken ct)
    {
        // Deployed with a block per transaction (seconds, not the minutes a 1-second block time takes), then blocks every blockTime.
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions { Port = port }, ct);
        try
        {
            var deployer = anvil.PrivateKeys[0];
            progress.Report($"Deploying Livepeer's contracts (core, governance, Verifier) to anvil at {anvil.RpcUrl}");
            var artifacts = ContractArtifacts.Locate();
            var options = new DeploymentOptions { InitialBalances = lpt.Select(b => new InitialBalance(b.Holder.ToString(), b.Lpt.Value)).ToList() };
            var steps = ProtocolDeployer.FullSteps([.. verifiers.Select(v => v.ToString())], threshold); // ends with the Treasury owning the Controller
            var record = await new ProtocolDeployer(anvil.RpcUrl, deployer, artifacts, parameters, options, steps).DeployAsync(ct);
            var connector = new EthereumConnector(anvil.RpcUrl, EthereumNetwork.Resolve("anvil", Address.Parse(record.Controller)),
                new GasPolicy { ReceiptPollInterval = TimeSpan.FromMilliseconds(100) });
            using (var funder = (EthereumChain)await connector.ConnectAsync(PrivateKey.Parse(deployer), TimeProvider.System, ct))
                foreach (var (holder, amount) in eth) await funder.SendEthAsync(holder, amount, ct);
            using (var rpc = new EthereumRpc(anvil.RpcUrl))
                await rpc.RequestAsync<object>("evm_setIntervalMining", ct, Math.Max(1, (int)blockTime.TotalSeconds));
            progress.Report($"Controller {record.Controller}; {lpt.Count} accounts hold LPT, {eth.Count} hold ETH");
            return new EvmDevnet(anvil, record, connector);
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops anvil (its state is not kept: each EVM devnet starts fresh).</summary>
    public ValueTask DisposeAsync() => Anvil.DisposeAsync();
}
