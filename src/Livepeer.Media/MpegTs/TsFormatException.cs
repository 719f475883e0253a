namespace Livepeer.Media.MpegTs;

/// <summary>Raised when MPEG-TS bytes are truncated, out of sync, or carry broken PSI/PES.</summary>
public sealed class TsFormatException(string message) : FormatException(message);
