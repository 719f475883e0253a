namespace Livepeer.Protocol.Events;

/// <summary>Governance replaced the verifier set.</summary>
public sealed record VerifierSetUpdated(int Count, int Threshold) : ProtocolEvent;
