namespace Livepeer.Protocol.Events;

/// <summary>A verifier attested a failed verification.</summary>
public sealed record FailedVerificationAttested(Address Transcoder, Hash Evidence, Address Verifier, long Attestations, int Threshold) : ProtocolEvent;
