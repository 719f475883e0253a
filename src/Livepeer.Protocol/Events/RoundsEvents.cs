using Livepeer.Core;

namespace Livepeer.Protocol.Events;

/// <summary>A round was initialized.</summary>
public sealed record NewRound(long Round, Hash BlockHash) : ProtocolEvent;

/// <summary>The minter set the round's inflation and mintable tokens.</summary>
public sealed record SetCurrentRewardTokens(long Round, UInt256 CurrentMintableTokens, long CurrentInflation) : ProtocolEvent;

/// <summary>A protocol parameter changed.</summary>
public sealed record ParameterUpdated(string Parameter, UInt256 Value) : ProtocolEvent;
