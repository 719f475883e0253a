namespace Livepeer.Protocol.Minting;

/// <summary>Inflation toward the target bonding rate, per-round mintable tokens, minting for reward().</summary>
public static class Minter
{
    /// <summary>bondingRate = activeStake * 1e9 / supply, or 0 without supply.</summary>
    public static long BondingRate(ProtocolState s)
    {
        var supply = s.Supply.Value.TotalSupply;
        if (supply.IsZero) return 0;
        return (long)UInt256.MulDiv(s.Totals.Value.CurrentRoundTotalActiveStake, (UInt256)Ppb.One, supply);
    }

    /// <summary>Moves inflation by inflationChange toward the target (floor 0), then mintable = supply * inflation / 1e9.</summary>
    public static void SetCurrentRewardTokens(CallContext ctx)
    {
        var s = ctx.State;
        var p = ctx.Parameters;
        var m = s.Minter.Value;
        var rate = BondingRate(s);
        var inflation = m.Inflation;
        if (rate < p.TargetBondingRate) inflation += p.InflationChange;
        else if (rate > p.TargetBondingRate) inflation = p.InflationChange > inflation ? 0 : inflation - p.InflationChange;
        var mintable = Ppb.Of(s.Supply.Value.TotalSupply, inflation);
        s.Minter.Value = m with { Inflation = inflation, CurrentMintableTokens = mintable, CurrentMintedTokens = UInt256.Zero };
        ctx.Emit(new SetCurrentRewardTokens(ctx.CurrentRound, mintable, inflation));
    }

    /// <summary>
    /// In reward(): once the treasury holds treasuryBalanceCeiling LPT, the NEXT round's treasury cut rate is set to 0
    /// (the parameter); the current round keeps its rate, so the reward that detects the ceiling still pays the cut.
    /// </summary>
    public static void ApplyTreasuryCeiling(CallContext ctx)
    {
        var s = ctx.State;
        var p = ctx.Parameters;
        if (!p.TreasuryBalanceCeiling.IsZero && !p.TreasuryRewardCutRate.IsZero && s.LptBalanceOf(ProtocolAccounts.Treasury) >= p.TreasuryBalanceCeiling)
        {
            s.Parameters.Value = p with { TreasuryRewardCutRate = UInt256.Zero };
            ctx.Emit(new ParameterUpdated(nameof(ProtocolParameters.TreasuryRewardCutRate), UInt256.Zero));
        }
    }

    /// <summary>
    /// createReward: mints mintable * floor(num * 1e9 / den) / 1e9 (MathUtilsV2.percOf: the stake fraction is truncated to
    /// 9 decimals) into the Minter account; the round's total never exceeds mintable.
    /// </summary>
    public static UInt256 CreateReward(CallContext ctx, UInt256 num, UInt256 den)
    {
        if (den.IsZero) return UInt256.Zero;
        var s = ctx.State;
        var m = s.Minter.Value;
        var amount = Ppb.OfFraction(m.CurrentMintableTokens, num, den);
        var minted = m.CurrentMintedTokens + amount;
        if (minted > m.CurrentMintableTokens)
            throw CallContext.Fail(ProtocolError.ArithmeticOverflow, "minted tokens would exceed the round's mintable tokens");
        s.Minter.Value = m with { CurrentMintedTokens = minted };
        LivepeerToken.Mint(ctx, ProtocolAccounts.Minter, amount);
        return amount;
    }
}
