namespace Livepeer.Protocol.Calls;

/// <summary>Anyone submits two different signed results for one segment; the orchestrator is slashed, the caller is the finder.</summary>
public sealed record SlashEquivocationCall(EquivocationEvidence Evidence) : ProtocolCall;
