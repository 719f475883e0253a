namespace Livepeer.Media.MpegTs;

/// <summary>Everything <see cref="TsDemuxer"/> found in a TS buffer.</summary>
/// <param name="Streams">Elementary streams from the PMT, PID to stream type, in PMT order.</param>
/// <param name="PcrPid">The PMT's PCR PID.</param>
/// <param name="Packets">PES packets in arrival order.</param>
/// <param name="PacketCount">Number of 188-byte TS packets.</param>
/// <param name="ContinuityErrors">Continuity-counter gaps seen on payload-carrying packets.</param>
/// <param name="PcrValues">PCR bases in arrival order (90 kHz).</param>
public sealed record TsDemuxResult(
    IReadOnlyList<KeyValuePair<ushort, TsStreamType>> Streams,
    ushort PcrPid,
    IReadOnlyList<TsPesPacket> Packets,
    int PacketCount,
    int ContinuityErrors,
    IReadOnlyList<long> PcrValues);
