namespace Livepeer.Media.Amf;

/// <summary>Raised when AMF0 bytes are malformed or a value cannot be encoded.</summary>
public sealed class Amf0Exception(string message) : FormatException(message);
