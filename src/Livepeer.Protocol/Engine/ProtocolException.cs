namespace Livepeer.Protocol.Engine;

/// <summary>Thrown inside the engine to abort a call; <see cref="ProtocolEngine"/> turns it into a failed <see cref="CallResult"/>.</summary>
public sealed class ProtocolException(ProtocolError error, string message) : Exception(message)
{
    /// <summary>The named error.</summary>
    public ProtocolError Error { get; } = error;
}
