namespace Livepeer.Protocol.Rounds;

/// <summary>Rounds follow blocks; initializeRound once per round; the locked tail of a round.</summary>
public static class RoundsManager
{
    /// <summary>The round of <paramref name="blockNumber"/>, or -1 before the start block.</summary>
    public static long RoundOf(ProtocolState s, long blockNumber)
    {
        var r = s.Rounds.Value;
        if (blockNumber < r.LastRoundLengthUpdateStartBlock) return -1;
        return r.LastRoundLengthUpdateRound + (blockNumber - r.LastRoundLengthUpdateStartBlock) / s.Parameters.Value.RoundLength;
    }

    /// <summary>First block of <paramref name="round"/> (for rounds since the last round-length change).</summary>
    public static long StartBlockOf(ProtocolState s, long round)
    {
        var r = s.Rounds.Value;
        return r.LastRoundLengthUpdateStartBlock + (round - r.LastRoundLengthUpdateRound) * s.Parameters.Value.RoundLength;
    }

    /// <summary>True in the last roundLockAmount of the round: rate changes are refused then.</summary>
    public static bool IsLocked(ProtocolState s, long blockNumber)
    {
        var p = s.Parameters.Value;
        var start = StartBlockOf(s, RoundOf(s, blockNumber));
        var lockBlocks = p.RoundLength * p.RoundLockAmount / Ppm.One;
        return blockNumber >= start + p.RoundLength - lockBlocks;
    }

    /// <summary>initializeRound: stores the parent block's hash, fixes the round's active stake, sets mintable tokens.</summary>
    public static void InitializeRound(CallContext ctx)
    {
        var s = ctx.State;
        var round = ctx.CurrentRound;
        CallContext.Require(s.Rounds.Value.LastInitializedRound < round, ProtocolError.RoundAlreadyInitialized,
            $"round {round} is already initialized");
        s.Rounds.Value = s.Rounds.Value with { LastInitializedRound = round };
        s.RoundBlockHashes.Set(round, ctx.Block.ParentHash);
        BondingManager.SetCurrentRoundTotalActiveStake(ctx);
        Governance.VotingPowerHistory.RecordTotalActiveStake(ctx);
        Minter.SetCurrentRewardTokens(ctx);
        ctx.Emit(new NewRound(round, ctx.Block.ParentHash));
    }

    /// <summary>Applies a round-length change from the current round's start, as RoundsManager.setRoundLength does.</summary>
    public static void OnRoundLengthChange(CallContext ctx)
    {
        var s = ctx.State;
        var start = StartBlockOf(s, ctx.CurrentRound);
        s.Rounds.Value = s.Rounds.Value with { LastRoundLengthUpdateRound = ctx.CurrentRound, LastRoundLengthUpdateStartBlock = start };
    }
}
