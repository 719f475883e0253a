using System.Text;

namespace Livepeer.Protocol.State;

/// <summary>
/// The protocol's own accounts: the Minter holds bonded LPT and broker/fee ETH (as in Livepeer), the Treasury holds
/// the treasury's LPT. Their addresses are the last 20 bytes of keccak256 of a fixed name.
/// </summary>
public static class ProtocolAccounts
{
    /// <summary>Holds bonded and unbonding LPT, deposits, reserves and unwithdrawn fees.</summary>
    public static readonly Address Minter = Named("livepeer.protocol.minter");
    /// <summary>Holds the treasury's LPT.</summary>
    public static readonly Address Treasury = Named("livepeer.protocol.treasury");

    private static Address Named(string name) => new(Keccak256.Hash(Encoding.ASCII.GetBytes(name)).Bytes[12..]);

    /// <summary>True for a protocol account (users cannot act as one).</summary>
    public static bool IsProtocolAccount(Address a) => a == Minter || a == Treasury;
}
