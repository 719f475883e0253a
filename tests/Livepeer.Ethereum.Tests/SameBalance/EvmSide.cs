using System.Numerics;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Anvil;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Deployment;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Transactions;
using Livepeer.Protocol.Genesis;
using Nethereum.Hex.HexTypes;
using Newtonsoft.Json.Linq;

namespace Livepeer.Ethereum.Tests.SameBalance;

/// <summary>
/// The contracts on a fresh anvil (automine: one block per transaction), deployed with the genesis' parameters, LPT and
/// verifiers and handed over to the Treasury, the actors given the genesis' ETH; driven through <see cref="EthereumChain"/>.
/// The base fee is 0, so gas costs only the tip the sender offers; <see cref="GasPaidAsync"/> sums it from the receipts.
/// </summary>
public sealed class EvmSide : IScriptedChain
{
    private readonly AnvilProcess _anvil;
    private readonly EthereumRpc _rpc;
    private readonly EthereumNetwork _network;
    private readonly long _roundLength;
    private readonly long _setupHead;
    private readonly List<EthereumChain> _clients = [];

    private EvmSide(AnvilProcess anvil, EthereumRpc rpc, EthereumNetwork network, long roundLength, long setupHead) =>
        (_anvil, _rpc, _network, _roundLength, _setupHead) = (anvil, rpc, network, roundLength, setupHead);

    /// <inheritdoc />
    public string Name => "evm";

    /// <summary>The anvil endpoint.</summary>
    public Uri RpcUrl => _anvil.RpcUrl;

    /// <summary>Starts anvil and deploys the protocol from <paramref name="genesis"/>.</summary>
    public static async Task<EvmSide> StartAsync(GenesisSpec genesis, IReadOnlyList<PrivateKey> actors)
    {
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions { Accounts = 1, ExtraArguments = ["--block-base-fee-per-gas", "0"] });
        try
        {
            var artifacts = ContractArtifacts.Locate();
            var options = new DeploymentOptions { InitialBalances = [.. genesis.Allocations.Select(a => new InitialBalance(a.Holder.ToString(), a.Amount.Value))] };
            var record = await new ProtocolDeployer(anvil.RpcUrl, anvil.PrivateKeys[0], artifacts, genesis.Parameters, options,
                ProtocolDeployer.FullSteps([.. genesis.Verifiers.Select(v => v.ToString())], genesis.VerifierThreshold)).DeployAsync();

            var rpc = new EthereumRpc(anvil.RpcUrl, new RpcRetryPolicy { InitialBackoff = TimeSpan.FromMilliseconds(20) });
            var eth = genesis.Eth.ToDictionary(e => e.Item1, e => e.Item2);
            foreach (var actor in actors)
                await rpc.RequestAsync<JToken>("anvil_setBalance", CancellationToken.None, actor.Address.ToString(),
                    new HexBigInteger(eth.TryGetValue(actor.Address, out var wei) ? wei.Value : BigInteger.Zero).HexValue);
            var head = await rpc.BlockNumberAsync();
            return new EvmSide(anvil, rpc, EthereumNetwork.Resolve("anvil", Address.Parse(record.Controller)), genesis.Parameters.RoundLength, head);
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ILivepeerChain As(PrivateKey actor)
    {
        var policy = new GasPolicy { ReceiptPollInterval = TimeSpan.FromMilliseconds(20), MineTimeout = TimeSpan.FromSeconds(30) };
        var client = EthereumChain.ConnectAsync(new EthereumRpc(_anvil.RpcUrl), _network, actor, policy).GetAwaiter().GetResult();
        _clients.Add(client);
        return client;
    }

    /// <inheritdoc />
    public Task<ChainReceipt> SendAsync(Func<Task<ChainReceipt>> send) => send();

    /// <inheritdoc />
    public async Task AdvanceToRoundAsync(long round)
    {
        var head = await _rpc.BlockNumberAsync();
        var last = round * _roundLength - 1; // the next transaction is mined in the block after it
        if (head > last) throw new InvalidOperationException($"anvil is past the start of round {round} (block {head})");
        if (head < last) await _rpc.RequestAsync<JToken>("anvil_mine", CancellationToken.None, new HexBigInteger(last - head).HexValue);
    }

    /// <inheritdoc />
    public async Task<long> FirstFreeRoundAsync() => (await _rpc.BlockNumberAsync() + 1) / _roundLength + 1;

    /// <inheritdoc />
    public async Task<UInt256> GasPaidAsync(Address account)
    {
        var head = await _rpc.BlockNumberAsync();
        if (_gasPaid is null || _gasPaidHead != head)
        {
            // One pass over the script's blocks sums every sender's gas.
            _gasPaid = new Dictionary<Address, BigInteger>();
            _gasPaidHead = head;
            for (var n = _setupHead + 1; n <= head; n++)
            {
                var receipts = await _rpc.RequestAsync<JArray>("eth_getBlockReceipts", CancellationToken.None, new HexBigInteger(n).HexValue);
                foreach (var r in receipts)
                {
                    var from = Address.Parse((string)r["from"]!);
                    _gasPaid[from] = _gasPaid.GetValueOrDefault(from)
                        + new HexBigInteger((string)r["gasUsed"]!).Value * new HexBigInteger((string)r["effectiveGasPrice"]!).Value;
                }
            }
        }
        return new UInt256(_gasPaid.GetValueOrDefault(account));
    }

    private Dictionary<Address, BigInteger>? _gasPaid;
    private long _gasPaidHead;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        _rpc.Dispose();
        await _anvil.DisposeAsync();
    }
}
