namespace Livepeer.Media.Dash;

/// <summary>One media segment of a representation: its $Number$, timeline position (t, d in the track timescale) and bytes.</summary>
public sealed record DashSegment(long Number, ulong Time, ulong Duration, ReadOnlyMemory<byte> Data);
