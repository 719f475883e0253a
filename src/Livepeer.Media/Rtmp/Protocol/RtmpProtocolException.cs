namespace Livepeer.Media.Rtmp.Protocol;

/// <summary>Raised when a peer breaks the RTMP protocol or exceeds a limit; the connection is closed.</summary>
public sealed class RtmpProtocolException(string message) : Exception(message);
