using Livepeer.Media.Flv;
using Livepeer.Media.Ingest;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Rtmp;

namespace Livepeer.Media.Tests.Ingest;

/// <summary>A stream whose timestamps cross 0xFFFFFF ms (4.66 h) mid-stream: extended timestamps end to end.</summary>
[Collection(MediaCollection.Name)]
public class ExtendedTimestampPublishTests(MediaFixture media)
{
    [Fact]
    public async Task TimestampsCrossingTheExtendedThresholdStayContinuous()
    {
        const uint offset = 0xFFFFFF - 2500; // crosses into extended timestamps 2.5 s in
        var sink = new ChannelMediaSegmentSink();
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0 }, new LiveIngest(sink));
        server.Start();
        var collecting = Collect.UntilEndedAsync(sink, "long", TimeSpan.FromSeconds(30));
        await using (var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", server.LocalEndPoint.Port, "live", "long", CancellationToken.None, chunkSize: 128))
        {
            foreach (var tag in FlvFileReader.ReadAll(media.H264AacFlv).Where(t => t.Type != FlvTagType.ScriptData))
                await publisher.SendTagAsync(tag with { Timestamp = tag.Timestamp + offset }, CancellationToken.None);
        }
        var (segments, ended) = await collecting;
        Assert.Null(ended.Error);
        Assert.All(segments, s => Assert.False(s.Discontinuity));
        var first = FlvFileReader.ReadAll(media.H264AacFlv).Where(t => t.Type == FlvTagType.Video).Select(t => (t.Timestamp, Packet: FlvVideoPacket.Parse(t.Data)))
            .First(t => t.Packet.Kind == FlvVideoPacketKind.CodedFrames);
        Assert.Equal((offset + first.Timestamp + first.Packet.CompositionTime) * 90L, segments[0].StartPts);
        for (var i = 1; i < segments.Count; i++) Assert.Equal(segments[i - 1].StartPts + segments[i - 1].Duration, segments[i].StartPts);
        var all = segments.SelectMany(s => s.Data.ToArray()).ToArray();
        var demux = TsDemuxer.Demux(all);
        Assert.Equal(0, demux.ContinuityErrors);
        Assert.Equal(150, demux.Packets.Count(p => p.Pid == TsMuxer.VideoPid));
        using var dir = new TempDirectory();
        await File.WriteAllBytesAsync(dir.File("long.ts"), all);
        await Ffprobe.AssertDecodesCleanlyAsync(dir.File("long.ts"));
    }
}
