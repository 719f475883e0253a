namespace Livepeer.Protocol.Calls;

/// <summary>transcoder(rewardCut, feeShare), both ppm.</summary>
public sealed record TranscoderUpdateCall(long RewardCut, long FeeShare) : ProtocolCall;
