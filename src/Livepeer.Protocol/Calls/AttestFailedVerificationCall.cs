namespace Livepeer.Protocol.Calls;

/// <summary>A verifier attests that an orchestrator's result for a segment failed verification (k of n attestations slash).</summary>
public sealed record AttestFailedVerificationCall(Address Transcoder, Hash Evidence) : ProtocolCall;
