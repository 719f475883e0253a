namespace Livepeer.Protocol.Calls;

/// <summary>
/// Anyone (in practice the broadcaster that found it) reports an orchestrator's result that failed verification: the
/// keccak256 of the evidence bundle and where verifiers download it. The reporter is the finder if the verifiers attest.
/// </summary>
public sealed record ReportFailedVerificationCall(Address Transcoder, Hash Evidence, string EvidenceUri) : ProtocolCall;
