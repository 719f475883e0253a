namespace Livepeer.Protocol.Token;

/// <summary>LPT total supply and the total ETH known to the state (ETH is never created after genesis).</summary>
public sealed record TokenSupply
{
    /// <summary>LPT total supply (wei).</summary>
    public UInt256 TotalSupply { get; init; }
    /// <summary>ETH held by all accounts including the protocol (wei).</summary>
    public UInt256 TotalEth { get; init; }
}
