namespace Livepeer.Media.Hls;

/// <summary>An operation would break RFC 8216's live playlist rules (e.g. a segment longer than the fixed target duration).</summary>
public sealed class HlsException(string message) : Exception(message);
