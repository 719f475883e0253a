using Livepeer.Media.Rtmp;

namespace Livepeer.Media.Tests.Rtmp;

/// <summary>Hand-built chunk bytes (independent of RtmpChunkWriter) for byte-level tests.</summary>
internal static class ChunkBytes
{
    public static byte[] Basic(int fmt, int csid) => csid switch
    {
        < 64 => [(byte)((fmt << 6) | csid)],
        < 320 => [(byte)(fmt << 6), (byte)(csid - 64)],
        _ => [(byte)((fmt << 6) | 1), (byte)((csid - 64) & 0xFF), (byte)((csid - 64) >> 8)],
    };

    public static byte[] U24(uint v) => [(byte)(v >> 16), (byte)(v >> 8), (byte)v];

    public static byte[] U32(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    public static byte[] Le32(uint v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)];

    public static byte[] Fmt0(int csid, uint ts, int length, byte type, uint streamId) =>
        [.. Basic(0, csid), .. U24(Math.Min(ts, 0xFFFFFF)), .. U24((uint)length), type, .. Le32(streamId), .. ts >= 0xFFFFFF ? U32(ts) : []];

    public static byte[] Fmt1(int csid, uint delta, int length, byte type) =>
        [.. Basic(1, csid), .. U24(Math.Min(delta, 0xFFFFFF)), .. U24((uint)length), type, .. delta >= 0xFFFFFF ? U32(delta) : []];

    public static byte[] Fmt2(int csid, uint delta) => [.. Basic(2, csid), .. U24(Math.Min(delta, 0xFFFFFF)), .. delta >= 0xFFFFFF ? U32(delta) : []];

    public static byte[] Fmt3(int csid, uint? extended = null) => [.. Basic(3, csid), .. extended is { } e ? U32(e) : []];

    public static byte[] Payload(int length, byte seed = 0) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + seed)).ToArray();

    /// <summary>Feeds bytes to a reader, optionally one at a time, and returns every message.</summary>
    public static List<RtmpMessage> ReadAll(RtmpChunkReader reader, byte[] bytes, bool byteByByte = false)
    {
        var messages = new List<RtmpMessage>();
        var pending = new List<byte>();
        var step = byteByByte ? 1 : bytes.Length;
        for (var i = 0; i < bytes.Length; i += step)
        {
            pending.AddRange(bytes.AsSpan(i, Math.Min(step, bytes.Length - i)).ToArray());
            var seq = new System.Buffers.ReadOnlySequence<byte>(pending.ToArray());
            while (reader.TryReadMessage(ref seq, out var m)) messages.Add(m with { Payload = m.Payload.ToArray() });
            pending = [.. System.Buffers.BuffersExtensions.ToArray(seq)];
        }
        Assert.Empty(pending); // every byte consumed once messages are complete
        return messages;
    }
}
