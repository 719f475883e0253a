namespace Livepeer.Protocol.Rounds;

/// <summary>
/// RoundsManager state. currentRound = LastRoundLengthUpdateRound + (block - LastRoundLengthUpdateStartBlock) / roundLength;
/// genesis sets round 1 at the start block so that 0 can mean "never", as in the contracts.
/// </summary>
public sealed record RoundsInfo
{
    /// <summary>Last round for which initializeRound ran.</summary>
    public long LastInitializedRound { get; init; }
    /// <summary>Round in which the round length last changed (1 at genesis).</summary>
    public long LastRoundLengthUpdateRound { get; init; } = 1;
    /// <summary>Start block of that round.</summary>
    public long LastRoundLengthUpdateStartBlock { get; init; }
}
