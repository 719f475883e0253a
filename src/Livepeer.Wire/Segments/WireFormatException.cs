namespace Livepeer.Wire.Segments;

/// <summary>A header or body of the wire protocol could not be decoded; the message says which and why.</summary>
public sealed class WireFormatException(string message, Exception? inner = null) : Exception(message, inner);
