namespace Livepeer.Protocol.Events;

/// <summary>A transcoder set its reward cut and fee share (ppm).</summary>
public sealed record TranscoderUpdate(Address Transcoder, long RewardCut, long FeeShare) : ProtocolEvent;
