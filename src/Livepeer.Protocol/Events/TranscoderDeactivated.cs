namespace Livepeer.Protocol.Events;

/// <summary>A transcoder left the pool; it is inactive from the given round.</summary>
public sealed record TranscoderDeactivated(Address Transcoder, long DeactivationRound) : ProtocolEvent;
