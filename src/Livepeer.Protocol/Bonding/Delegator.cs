namespace Livepeer.Protocol.Bonding;

/// <summary>
/// A delegator as BondingManager stores it. <see cref="DelegatedAmount"/> is the stake delegated TO this address
/// (its own and others'), which is the transcoder's total stake for the next round; <see cref="StakeUpdateRound"/>
/// and <see cref="StakeAtRoundStart"/> remember what it was when the current round began (the stake that counts now).
/// </summary>
public sealed record Delegator
{
    /// <summary>Bonded LPT as of <see cref="LastClaimRound"/>.</summary>
    public UInt256 BondedAmount { get; init; }
    /// <summary>Claimed, unwithdrawn fees (ETH wei).</summary>
    public UInt256 Fees { get; init; }
    /// <summary>Whom the stake is delegated to (zero when unbonded).</summary>
    public Address DelegateAddress { get; init; } = Address.Zero;
    /// <summary>Stake delegated to this address.</summary>
    public UInt256 DelegatedAmount { get; init; }
    /// <summary>Round from which the bond counts.</summary>
    public long StartRound { get; init; }
    /// <summary>Last round through which earnings were claimed.</summary>
    public long LastClaimRound { get; init; }
    /// <summary>Id the next unbonding lock gets.</summary>
    public long NextUnbondingLockId { get; init; }
    /// <summary>How many of the delegate's slashes are already applied to <see cref="BondedAmount"/>.</summary>
    public long SlashIndex { get; init; }
    /// <summary>Round in which <see cref="DelegatedAmount"/> last changed.</summary>
    public long StakeUpdateRound { get; init; }
    /// <summary><see cref="DelegatedAmount"/> at the start of <see cref="StakeUpdateRound"/>.</summary>
    public UInt256 StakeAtRoundStart { get; init; }

    /// <summary>The empty delegator.</summary>
    public static Delegator Empty { get; } = new();

    /// <summary>True when every field is zero (not stored).</summary>
    public bool IsEmpty => this == Empty;

    /// <summary>The delegated stake at the start of <paramref name="round"/> (the current round).</summary>
    public UInt256 DelegatedAmountAtStartOf(long round) => StakeUpdateRound == round ? StakeAtRoundStart : DelegatedAmount;
}
