namespace Livepeer.Media.MpegTs;

/// <summary>One reassembled PES packet from a TS stream.</summary>
/// <param name="Pid">The PID it came on.</param>
/// <param name="StreamType">The PMT stream_type of that PID.</param>
/// <param name="Pts">Presentation timestamp (90 kHz), if present.</param>
/// <param name="Dts">Decode timestamp (90 kHz); equals <paramref name="Pts"/> when absent.</param>
/// <param name="RandomAccess">random_access_indicator was set on its first TS packet.</param>
/// <param name="Data">The elementary stream payload.</param>
public sealed record TsPesPacket(ushort Pid, TsStreamType StreamType, long? Pts, long? Dts, bool RandomAccess, byte[] Data);
