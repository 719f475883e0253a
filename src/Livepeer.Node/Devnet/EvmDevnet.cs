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
/// The devnet's chain on a real EVM: anvil with its state in a file, then mining a block every
/// <see cref="DevnetOptions.BlockTime"/>. The first start deploys the whole protocol (core, governance, Verifier) by
/// <see cref="ProtocolDeployer"/> with the devnet's parameters, mints LPT to the plan's accounts, sends ETH from anvil's
/// first dev account and hands the Controller to the Treasury; a later start with the same state directory loads
/// anvil's state file and the deployment record instead, so the chain (stakes, deposits, rounds) carries on.
/// </summary>
public sealed class EvmDevnet : IAsyncDisposable
{
    /// <summary>anvil's state file in the state directory.</summary>
    public const string StateFile = "anvil-state.json";
    /// <summary>The deployment record in the state directory, written once the deployment is complete.</summary>
    public const string RecordFile = "deployment.json";

    private EvmDevnet(AnvilProcess anvil, DeploymentRecord record, EthereumConnector connector, bool resumed) =>
        (Anvil, Record, Connector, Resumed) = (anvil, record, connector, resumed);

    /// <summary>The anvil process.</summary>
    public AnvilProcess Anvil { get; }
    /// <summary>Where every contract is.</summary>
    public DeploymentRecord Record { get; }
    /// <summary>How the nodes reach it.</summary>
    public EthereumConnector Connector { get; }
    /// <summary>Whether this start loaded an earlier chain rather than deploying a new one.</summary>
    public bool Resumed { get; }

    /// <summary>Starts anvil on <paramref name="port"/> with its state in <paramref name="stateDirectory"/>; deploys and funds unless that directory holds a complete earlier deployment.</summary>
    public static async Task<EvmDevnet> StartAsync(int port, string stateDirectory, TimeSpan blockTime, ProtocolParameters parameters, IReadOnlyList<(Address Holder, UInt256 Lpt)> lpt,
        IReadOnlyList<(Address Holder, UInt256 Eth)> eth, IReadOnlyList<Address> verifiers, int threshold, IProgress<string> progress, CancellationToken ct)
    {
        Directory.CreateDirectory(stateDirectory);
        var statePath = Path.Combine(stateDirectory, StateFile);
        var recordPath = Path.Combine(stateDirectory, RecordFile);
        var resumed = File.Exists(recordPath) && File.Exists(statePath);
        // A state without a record is a deployment that did not finish: start that chain again from nothing.
        if (!resumed && File.Exists(statePath)) File.Delete(statePath);
        // Deployed with a block per transaction (seconds, not the minutes a 1-second block time takes), then blocks every blockTime.
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions { Port = port, StatePath = statePath }, ct);
        try
        {
            var deployer = anvil.PrivateKeys[0];
            DeploymentRecord record;
            if (resumed)
            {
                record = DeploymentRecord.FromJson(await File.ReadAllTextAsync(recordPath, ct));
                progress.Report($"Loaded the chain from {statePath}: Controller {record.Controller} (--fresh starts a new one)");
            }
            else
            {
                progress.Report($"Deploying Livepeer's contracts (core, governance, Verifier) to anvil at {anvil.RpcUrl}");
                var artifacts = ContractArtifacts.Locate();
                var options = new DeploymentOptions { InitialBalances = lpt.Select(b => new InitialBalance(b.Holder.ToString(), b.Lpt.Value)).ToList() };
                var steps = ProtocolDeployer.FullSteps([.. verifiers.Select(v => v.ToString())], threshold); // ends with the Treasury owning the Controller
                record = await new ProtocolDeployer(anvil.RpcUrl, deployer, artifacts, parameters, options, steps).DeployAsync(ct);
            }
            var connector = new EthereumConnector(anvil.RpcUrl, EthereumNetwork.Resolve("anvil", Address.Parse(record.Controller)),
                new GasPolicy { ReceiptPollInterval = TimeSpan.FromMilliseconds(100) });
            if (!resumed)
            {
                using (var funder = (EthereumChain)await connector.ConnectAsync(PrivateKey.Parse(deployer), TimeProvider.System, ct))
                    foreach (var (holder, amount) in eth) await funder.SendEthAsync(holder, amount, ct);
                await File.WriteAllTextAsync(recordPath, record.ToJson(), ct); // last: only a complete deployment is resumed
                progress.Report($"Controller {record.Controller}; {lpt.Count} accounts hold LPT, {eth.Count} hold ETH");
            }
            using (var rpc = new EthereumRpc(anvil.RpcUrl))
                await rpc.RequestAsync<object>("evm_setIntervalMining", ct, Math.Max(1, (int)blockTime.TotalSeconds));
            return new EvmDevnet(anvil, record, connector, resumed);
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops anvil, which saves its state file on the way out.</summary>
    public ValueTask DisposeAsync() => Anvil.DisposeAsync();
}
