using System.Buffers;
using Livepeer.Media.Amf;
using Livepeer.Media.Flv;
using Livepeer.Media.Rtmp;

namespace Livepeer.Media.Tests.Support;

/// <summary>The bytes a publisher sends: C0+C1, C2, connect, createStream, publish, metadata, then media tags.</summary>
public static class SessionBytes
{
    public const int HandshakeLength = 1 + 1536 + 1536;

    public static byte[] Build(string key, IEnumerable<FlvTag> tags, int chunkSize = 128)
    {
        var w = new ArrayBufferWriter<byte>();
        w.Write(new byte[] { 3 });
        w.Write(new byte[1536]);
        w.Write(new byte[1536]); // the server does not check C2
        var writer = new RtmpChunkWriter();
        void Send(int csid, RtmpMessage m) => writer.Write(w, csid, m);
        Send(3, new RtmpMessage(RtmpMessageType.CommandAmf0, 0, 0, Amf0Writer.Encode("connect", 1.0, new AmfObject { { "app", "live" } })));
        Send(3, new RtmpMessage(RtmpMessageType.CommandAmf0, 0, 0, Amf0Writer.Encode("createStream", 2.0, null)));
        Send(8, new RtmpMessage(RtmpMessageType.CommandAmf0, 1, 0, Amf0Writer.Encode("publish", 3.0, null, key, "live")));
        if (chunkSize != 128)
        {
            Send(2, new RtmpMessage(RtmpMessageType.SetChunkSize, 0, 0, new byte[] { 0, 0, (byte)(chunkSize >> 8), (byte)chunkSize }));
            writer.ChunkSize = chunkSize;
        }
        Send(4, new RtmpMessage(RtmpMessageType.DataAmf0, 1, 0, Amf0Writer.Encode("@setDataFrame", "onMetaData", new AmfEcmaArray { { "width", 320.0 } })));
        foreach (var tag in tags)
        {
            if (tag.Type == FlvTagType.ScriptData) continue;
            Send(tag.Type == FlvTagType.Video ? 6 : 4, new RtmpMessage((RtmpMessageType)tag.Type, 1, tag.Timestamp, tag.Data));
        }
        Send(3, new RtmpMessage(RtmpMessageType.CommandAmf0, 0, 0, Amf0Writer.Encode("deleteStream", 4.0, null, 1.0)));
        return w.WrittenSpan.ToArray();
    }
}
