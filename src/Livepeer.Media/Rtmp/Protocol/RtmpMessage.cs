namespace Livepeer.Media.Rtmp.Protocol;

/// <summary>One reassembled RTMP message.</summary>
/// <param name="Type">Message type id.</param>
/// <param name="StreamId">Message stream id (0 for the control stream).</param>
/// <param name="Timestamp">32-bit millisecond timestamp (absolute, after applying deltas).</param>
/// <param name="Payload">The message body.</param>
/// <param name="ChunkStreamId">The chunk stream it arrived on.</param>
public readonly record struct RtmpMessage(RtmpMessageType Type, uint StreamId, uint Timestamp, ReadOnlyMemory<byte> Payload, int ChunkStreamId = 3);
