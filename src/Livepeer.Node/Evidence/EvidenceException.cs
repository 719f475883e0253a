namespace Livepeer.Node.Evidence;

/// <summary>An evidence bundle is malformed, does not match its hash, or is not signed by the orchestrator it accuses.</summary>
public sealed class EvidenceException(string message, Exception? inner = null) : Exception(message, inner);
