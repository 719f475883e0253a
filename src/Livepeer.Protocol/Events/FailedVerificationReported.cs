namespace Livepeer.Protocol.Events;

/// <summary>A failed verification was reported; verifiers download the evidence from the URI and check it.</summary>
public sealed record FailedVerificationReported(Address Transcoder, Hash Evidence, Address Reporter, string EvidenceUri) : ProtocolEvent;
