namespace Livepeer.Media.Flv;

/// <summary>One FLV tag: type, 32-bit millisecond timestamp and body.</summary>
public readonly record struct FlvTag(FlvTagType Type, uint Timestamp, ReadOnlyMemory<byte> Data);
