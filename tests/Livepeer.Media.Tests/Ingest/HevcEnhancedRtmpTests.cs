using Livepeer.Media.Codecs;
using Livepeer.Media.Flv;
using Livepeer.Media.Ingest;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Rtmp;

namespace Livepeer.Media.Tests.Ingest;

/// <summary>
/// ffmpeg 5.1 cannot publish HEVC over RTMP, so the test builds Enhanced RTMP tags (hvc1 FourCC, SequenceStart,
/// CodedFrames and CodedFramesX) from an ffmpeg-encoded HEVC elementary stream and publishes them with our client.
/// </summary>
[Collection(MediaCollection.Name)]
public class HevcEnhancedRtmpTests(MediaFixture media)
{
    internal static List<FlvTag> EnhancedRtmpTags(byte[] annexB, int frameMs)
    {
        var nals = TsSegmentInfo.AnnexBNalUnits(annexB).Select(n => n.ToArray()).Where(n => n.Length > 0).ToList();
        var accessUnits = new List<List<byte[]>>();
        foreach (var nal in nals)
        {
            var type = AnnexBWriter.NalType(IngestCodec.Hevc, nal[0]);
            if (type == 35 || accessUnits.Count == 0) accessUnits.Add([]);
            if (type is not (35 or 32 or 33 or 34)) accessUnits[^1].Add(nal);
        }
        byte[] Set(int type) => nals.First(n => AnnexBWriter.NalType(IngestCodec.Hevc, n[0]) == type);
        var hvcc = new List<byte> { 1, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 93, 0xF0, 0x00, 0xFC, 0xFD, 0xF8, 0xF8, 0, 0, 0x0F, 3 };
        foreach (var type in new[] { 32, 33, 34 })
        {
            var set = Set(type);
            hvcc.AddRange([(byte)(0x80 | type), 0, 1, (byte)(set.Length >> 8), (byte)set.Length]);
            hvcc.AddRange(set);
        }
        byte[] fourCc = "hvc1"u8.ToArray();
        var tags = new List<FlvTag> { new(FlvTagType.Video, 0, (byte[])[0x90, .. fourCc, .. hvcc]) };
        var i = 0;
        foreach (var au in accessUnits.Where(a => a.Count > 0))
        {
            var key = au.Any(n => AnnexBWriter.NalType(IngestCodec.Hevc, n[0]) is 19 or 20);
            var body = au.SelectMany(n => new byte[] { (byte)(n.Length >> 24), (byte)(n.Length >> 16), (byte)(n.Length >> 8), (byte)n.Length }.Concat(n)).ToArray();
            var frameType = key ? 1 : 2;
            // Alternate CodedFrames (with a zero composition time) and CodedFramesX (none).
            byte[] tag = i % 2 == 0
                ? [(byte)(0x80 | (frameType << 4) | 1), .. fourCc, 0, 0, 0, .. body]
                : [(byte)(0x80 | (frameType << 4) | 3), .. fourCc, .. body];
            tags.Add(new FlvTag(FlvTagType.Video, (uint)(i * frameMs), tag));
            i++;
        }
        return tags;
    }

    [Fact]
    public async Task HevcOverEnhancedRtmpYieldsDecodableHevcSegments()
    {
        var sink = new ChannelMediaSegmentSink();
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0 }, new LiveIngest(sink));
        server.Start();
        var tags = EnhancedRtmpTags(media.HevcAnnexB, 40);
        Assert.Equal(101, tags.Count);
        var collecting = Collect.UntilEndedAsync(sink, "hevc", TimeSpan.FromSeconds(30));
        await using (var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", server.LocalEndPoint.Port, "live", "hevc", CancellationToken.None))
        {
            foreach (var tag in tags) await publisher.SendTagAsync(tag, CancellationToken.None);
        }
        var (segments, ended) = await collecting;
        Assert.Null(ended.Error);
        Assert.Equal(2, segments.Count);
        Assert.All(segments, s => Assert.Equal(new Livepeer.Media.Segmenting.SegmentTracks("hevc", null, 320, 240), s.Tracks));
        Assert.All(segments, s => Assert.Equal(180000, s.Duration));
        using var dir = new TempDirectory();
        foreach (var s in segments)
        {
            var path = dir.File($"{s.Sequence}.ts");
            await File.WriteAllBytesAsync(path, s.Data.ToArray());
            using var probe = await Ffprobe.ProbeAsync(path);
            var video = Assert.Single(Ffprobe.Streams(probe));
            Assert.Equal("hevc", video.GetProperty("codec_name").GetString());
            Assert.Equal(320, video.GetProperty("width").GetInt32());
            Assert.StartsWith("K", Ffprobe.Packets(probe, "video").First().GetProperty("flags").GetString());
            await Ffprobe.AssertDecodesCleanlyAsync(path);
        }
        var all = dir.File("all.ts");
        await File.WriteAllBytesAsync(all, segments.SelectMany(s => s.Data.ToArray()).ToArray());
        using var whole = await Ffprobe.ProbeAsync(all);
        Assert.Equal(100, Ffprobe.Packets(whole, "video").Count());
    }
}
