using System.Text;
using Nethereum.Util;

namespace Livepeer.Ethereum.Deployment;

/// <summary>The names contracts are registered under in the Controller (Livepeer's), and their registry ids.</summary>
public static class ContractNames
{
    /// <summary>The registry itself (not registered in itself).</summary>
    public const string Controller = "Controller";
    /// <summary>LPT.</summary>
    public const string LivepeerToken = "LivepeerToken";
    /// <summary>Holds bonded LPT and fee ETH; mints rewards.</summary>
    public const string Minter = "Minter";
    /// <summary>Rounds and their block hashes.</summary>
    public const string RoundsManager = "RoundsManager";
    /// <summary>Bonding, the transcoder pool, rewards, fees and slashing.</summary>
    public const string BondingManager = "BondingManager";
    /// <summary>Deposits, reserves and winning tickets.</summary>
    public const string TicketBroker = "TicketBroker";
    /// <summary>The Minter only takes fee ETH from "JobsManager": Livepeer registers the TicketBroker under it too.</summary>
    public const string JobsManager = "JobsManager";
    /// <summary>Orchestrators' service URIs.</summary>
    public const string ServiceRegistry = "ServiceRegistry";
    /// <summary>Receives the treasury cut of rewards (registered by the governance step).</summary>
    public const string Treasury = "Treasury";
    /// <summary>Stake-vote checkpoints (registered by the governance step).</summary>
    public const string BondingVotes = "BondingVotes";
    /// <summary>The only caller of BondingManager.slashTranscoder.</summary>
    public const string Verifier = "Verifier";

    /// <summary>keccak256 of the UTF-8 name: the id getContract takes.</summary>
    public static byte[] Id(string name) => Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(name));
}
