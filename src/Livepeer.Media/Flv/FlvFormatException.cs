namespace Livepeer.Media.Flv;

/// <summary>Raised when FLV tag or file bytes are malformed.</summary>
public sealed class FlvFormatException(string message) : FormatException(message);
