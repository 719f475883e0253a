namespace Livepeer.Protocol.Minting;

/// <summary>Minter state: current inflation (ppb per round), this round's mintable and minted tokens, lifetime totals.</summary>
public sealed record MinterInfo
{
    /// <summary>Current inflation (ppb of supply per round).</summary>
    public long Inflation { get; init; }
    /// <summary>Tokens reward() may mint in the current round.</summary>
    public UInt256 CurrentMintableTokens { get; init; }
    /// <summary>Tokens minted so far in the current round.</summary>
    public UInt256 CurrentMintedTokens { get; init; }
    /// <summary>All LPT ever minted after genesis.</summary>
    public UInt256 TotalMinted { get; init; }
    /// <summary>All LPT ever burned.</summary>
    public UInt256 TotalBurned { get; init; }
}
