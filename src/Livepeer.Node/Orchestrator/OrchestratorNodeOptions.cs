using System.Net;
using Livepeer.Core;
using Livepeer.Node.Payments;

namespace Livepeer.Node.Orchestrator;

/// <summary>Everything an orchestrator node needs to run: data, ledger, listen address, pricing, payments and service periods.</summary>
public sealed class OrchestratorNodeOptions
{
    /// <summary>Holds tls.pfx, the ticket secret and the redemption queue.</summary>
    public string DataDirectory { get; set; } = "";
    /// <summary>The ledger's JSON-RPC URL.</summary>
    public Uri ChainRpc { get; set; } = new("http://127.0.0.1:8545");
    /// <summary>The chain to use instead of the ledger at <see cref="ChainRpc"/> (e.g. an <see cref="Chains.EthereumConnector"/>), or null.</summary>
    public Chains.IChainConnector? Chain { get; set; }
    /// <summary>The chain the node connects to: <see cref="Chain"/>, else the ledger at <see cref="ChainRpc"/>.</summary>
    public Chains.IChainConnector Connector => Chain ?? new Chains.LedgerConnector(ChainRpc);
    /// <summary>Where to listen (127.0.0.1 by default; port 0 picks a free one).</summary>
    public IPEndPoint Listen { get; set; } = new(IPAddress.Loopback, 8936);
    /// <summary>The URI advertised on the ledger and to broadcasters; by default https://listen-address.</summary>
    public Uri? PublicUri { get; set; }
    /// <summary>Serving options (capacity, price, retention).</summary>
    public OrchestratorServingOptions Serving { get; set; } = new();
    /// <summary>Ticket pricing.</summary>
    public PaymentOptions Payments { get; set; } = new();
    /// <summary>When set, the node bonds this stake to itself and registers (transcoder + service URI) if not registered yet.</summary>
    public RegistrationOptions? Register { get; set; }
    /// <summary>How often the chain state is re-read.</summary>
    public TimeSpan ChainPoll { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How often rounds and rewards are checked.</summary>
    public TimeSpan RewardInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How often winning tickets are redeemed.</summary>
    public TimeSpan RedeemInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws naming the first bad option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory)) throw new ArgumentException("A data directory is required (--datadir).");
        Serving.Validate();
        Payments.Validate();
        if (ChainPoll <= TimeSpan.Zero || RewardInterval <= TimeSpan.Zero || RedeemInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ChainPoll), "Service periods must be positive.");
        Register?.Validate();
        if (Serving.OffChain && Register is not null) throw new ArgumentException("An off-chain orchestrator cannot register on the ledger: drop --stake or --off-chain.");
    }
}

/// <summary>How a node registers itself: self-bonded stake, reward cut and fee share (parts per million).</summary>
public sealed record RegistrationOptions(UInt256 Stake, long RewardCut, long FeeShare)
{
    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Stake.IsZero) throw new ArgumentOutOfRangeException(nameof(Stake), "A registering orchestrator needs self-bonded stake.");
        if (RewardCut is < 0 or > 1_000_000 || FeeShare is < 0 or > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(RewardCut), "Reward cut and fee share are parts per million (0..1,000,000).");
    }
}
