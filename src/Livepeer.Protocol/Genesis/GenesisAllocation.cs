namespace Livepeer.Protocol.Genesis;

/// <summary>LPT given at genesis, optionally vesting (cliff then linear, in block-timestamp seconds from <see cref="VestingStart"/>).</summary>
public sealed record GenesisAllocation(string Label, Address Holder, UInt256 Amount, long VestingStart = 0, long CliffSeconds = 0, long VestingSeconds = 0)
{
    /// <summary>True when part of the allocation vests over time.</summary>
    public bool Vests => VestingSeconds > 0;
}
