namespace Livepeer.Protocol.TicketBroker;

/// <summary>A broadcaster's funds at the ticket broker: deposit, reserve, unlock state and this round's reserve claims.</summary>
public sealed record SenderInfo
{
    /// <summary>Deposit (ETH wei).</summary>
    public UInt256 Deposit { get; init; }
    /// <summary>Round from which funds can be withdrawn (0: no unlock in progress).</summary>
    public long WithdrawRound { get; init; }
    /// <summary>Reserve funds remaining.</summary>
    public UInt256 ReserveRemaining { get; init; }
    /// <summary>Round of <see cref="ReserveClaimedInRound"/>.</summary>
    public long ReserveClaimRound { get; init; }
    /// <summary>Reserve claimed by all recipients in <see cref="ReserveClaimRound"/>.</summary>
    public UInt256 ReserveClaimedInRound { get; init; }

    /// <summary>The empty sender.</summary>
    public static SenderInfo Empty { get; } = new();

    /// <summary>True when all zero.</summary>
    public bool IsEmpty => this == Empty;

    /// <summary>Reserve claimed in <paramref name="round"/>.</summary>
    public UInt256 ClaimedIn(long round) => ReserveClaimRound == round ? ReserveClaimedInRound : UInt256.Zero;
}
