namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>No transcoder (remote or local) could take or finish a segment; the message says what to start or check.</summary>
public sealed class TranscoderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
