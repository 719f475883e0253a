using Livepeer.Media.Ingest;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Rtmp;

namespace Livepeer.Media.Tests.Ingest;

/// <summary>A real ffmpeg publisher into our RTMP server; segments checked with ffprobe and ffmpeg.</summary>
public class FfmpegPublishEndToEndTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task FfmpegH264AacPublishYieldsTwoSecondSegmentsThatDecodeAndAddUpToTheSource()
    {
        var sink = new ChannelMediaSegmentSink();
        var ingest = new LiveIngest(sink);
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0 }, ingest, new TestOutputLoggerFactory(output));
        server.Start();
        var port = server.LocalEndPoint.Port;

        var collecting = Collect.UntilEndedAsync(sink, "e2ekey", TimeSpan.FromSeconds(20));
        var ff = await ExternalTool.RunAsync("ffmpeg",
            $"-hide_banner -loglevel error -re -f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine=frequency=440 -c:v libx264 -preset veryfast -g 60 -c:a aac -t 7 -f flv rtmp://127.0.0.1:{port}/live/e2ekey",
            TimeSpan.FromSeconds(60));
        Assert.True(ff.ExitCode == 0, "ffmpeg publish failed: " + ff.Stderr);
        var (segments, ended) = await collecting;

        Assert.Null(ended.Error);
        Assert.Equal(4, segments.Count); // 0-2, 2-4, 4-6, 6-7 s
        Assert.Equal([0L, 1, 2, 3], segments.Select(s => s.Sequence));
        foreach (var s in segments.Take(3)) Assert.InRange(s.Duration, 180000 - 90, 180000 + 90);
        Assert.InRange(segments[3].Duration, 90000 - 3000, 90000 + 3000);
        Assert.All(segments, s => Assert.True(s.StartsWithKeyframe));
        Assert.All(segments, s => Assert.False(s.Discontinuity));
        Assert.All(segments, s => Assert.Equal(new Livepeer.Media.Segmenting.SegmentTracks("h264", "aac", 640, 360), s.Tracks));
        var total = segments.Sum(s => s.Duration);
        Assert.InRange(total, 7 * 90000 - 3000, 7 * 90000 + 3000); // within one frame at 30 fps

        using var dir = new TempDirectory();
        var concat = new List<byte>();
        foreach (var s in segments)
        {
            var path = dir.File($"{s.Sequence}.ts");
            await File.WriteAllBytesAsync(path, s.Data.ToArray());
            concat.AddRange(s.Data.ToArray());
            using var probe = await Ffprobe.ProbeAsync(path);
            var streams = Ffprobe.Streams(probe).ToList();
            var video = streams.Single(x => x.GetProperty("codec_type").GetString() == "video");
            Assert.Equal("h264", video.GetProperty("codec_name").GetString());
            Assert.Equal(640, video.GetProperty("width").GetInt32());
            Assert.Equal(360, video.GetProperty("height").GetInt32());
            Assert.Equal("30/1", video.GetProperty("r_frame_rate").GetString());
            Assert.Equal("aac", streams.Single(x => x.GetProperty("codec_type").GetString() == "audio").GetProperty("codec_name").GetString());
            var firstVideo = Ffprobe.Packets(probe, "video").First();
            Assert.StartsWith("K", firstVideo.GetProperty("flags").GetString());
            var info = TsSegmentInfo.Probe(s.Data.Span);
            Assert.Equal(0, info.ContinuityErrors);
            Assert.Equal(s.StartPts, info.StartPts);
        }
        var all = dir.File("all.ts");
        await File.WriteAllBytesAsync(all, concat.ToArray());
        await Ffprobe.AssertDecodesCleanlyAsync(all);
        using var whole = await Ffprobe.ProbeAsync(all);
        var videoPackets = Ffprobe.Packets(whole, "video").ToList();
        Assert.Equal(210, videoPackets.Count); // 7 s x 30 fps, nothing lost
        var pts = videoPackets.Select(p => Ffprobe.Long(p, "pts")).Order().ToList();
        var duration = pts[^1] - pts[0] + 3000;
        Assert.InRange(duration, 7 * 90000 - 3000, 7 * 90000 + 3000);
    }

    [Fact]
    public async Task FfmpegAudioOnlyPublishIsCutOnTime()
    {
        var sink = new ChannelMediaSegmentSink();
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0 }, new LiveIngest(sink));
        server.Start();
        var collecting = Collect.UntilEndedAsync(sink, "radio", TimeSpan.FromSeconds(60));
        var ff = await ExternalTool.RunAsync("ffmpeg",
            $"-hide_banner -loglevel error -f lavfi -i sine=frequency=440:sample_rate=48000 -c:a aac -t 5 -f flv rtmp://127.0.0.1:{server.LocalEndPoint.Port}/live/radio",
            TimeSpan.FromSeconds(60));
        Assert.True(ff.ExitCode == 0, ff.Stderr);
        var (segments, _) = await collecting;
        Assert.Equal(3, segments.Count);
        Assert.All(segments, s => Assert.Equal(new Livepeer.Media.Segmenting.SegmentTracks(null, "aac"), s.Tracks));
        foreach (var s in segments.Take(2)) Assert.InRange(s.Duration, 180000, 180000 + 1920); // cut at the first AAC frame past 2 s
        using var dir = new TempDirectory();
        var path = dir.File("a.ts");
        await File.WriteAllBytesAsync(path, segments.SelectMany(s => s.Data.ToArray()).ToArray());
        await Ffprobe.AssertDecodesCleanlyAsync(path);
        using var probe = await Ffprobe.ProbeAsync(path);
        var frames = Ffprobe.Packets(probe, "audio").Count();
        Assert.InRange(frames, 5 * 48000 / 1024, 5 * 48000 / 1024 + 3); // 5 s plus encoder priming/padding, nothing lost
        Assert.InRange(segments.Sum(s => s.Duration), frames * 1920L - 1920, frames * 1920L + 1920);
    }
}
