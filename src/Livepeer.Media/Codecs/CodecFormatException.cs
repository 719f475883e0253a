namespace Livepeer.Media.Codecs;

/// <summary>Raised when a codec configuration or bitstream is malformed or uses a feature we do not carry.</summary>
public sealed class CodecFormatException(string message) : FormatException(message);
