namespace Livepeer.Protocol.Events;

/// <summary>A transcoder joined the pool; it is active from the given round.</summary>
public sealed record TranscoderActivated(Address Transcoder, long ActivationRound) : ProtocolEvent;
