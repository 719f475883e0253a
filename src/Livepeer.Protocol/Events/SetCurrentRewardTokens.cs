namespace Livepeer.Protocol.Events;

/// <summary>The minter set the round's inflation and mintable tokens.</summary>
public sealed record SetCurrentRewardTokens(long Round, UInt256 CurrentMintableTokens, long CurrentInflation) : ProtocolEvent;
