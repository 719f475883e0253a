using Livepeer.Core;
using Livepeer.Protocol.Slashing;

namespace Livepeer.Protocol.Calls;

/// <summary>Anyone submits two different signed results for one segment; the orchestrator is slashed, the caller is the finder.</summary>
public sealed record SlashEquivocationCall(EquivocationEvidence Evidence) : ProtocolCall;
/// <summary>A verifier attests that an orchestrator's result for a segment failed verification (k of n attestations slash).</summary>
public sealed record AttestFailedVerificationCall(Address Transcoder, Hash Evidence) : ProtocolCall;
