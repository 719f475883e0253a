using System.Text.RegularExpressions;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Pipeline;

[Collection("pipeline")]
public class LivePipelineTests(PipelineFixture f)
{
    [Fact]
    public void EverySegmentWentThrough()
    {
        Assert.Equal(3, f.Results.Count);
        Assert.All(f.Results, r => Assert.Null(r.Error));
        Assert.Equal(0, f.Pipeline.Errors);
    }

    [Fact]
    public void MasterPlaylistHasSourceAndRenditionsWithCodecsDerivedFromTheStream()
    {
        Assert.True(f.Hls.TryGet("live", out var s));
        var master = s.RenderMaster();
        var lines = master.Split('\n');
        Assert.Equal("#EXTM3U", lines[0]);
        // VP8 (WebM) cannot be carried by HLS, so it is absent; the source comes first.
        Assert.Equal(["source/index.m3u8", "h180/index.m3u8", "h90/index.m3u8", "v90/index.m3u8"], lines.Where(l => l.EndsWith(".m3u8")).ToArray());
        var inf = lines.Where(l => l.StartsWith("#EXT-X-STREAM-INF:")).ToArray();
        Assert.Matches(@"RESOLUTION=320x180,CODECS=""avc1\.(64|4D|42)[0-9A-F]{4},mp4a\.40\.2"",FRAME-RATE=30\.000", inf[0]);
        Assert.Matches(@"RESOLUTION=160x90,CODECS=""avc1\.64[0-9A-F]{4},mp4a\.40\.2"",FRAME-RATE=30\.000", inf[2]);
        Assert.Matches(@"RESOLUTION=160x90,CODECS=""vp09\.00\.\d\d\.08,mp4a\.40\.2""", inf[3]);
        foreach (var l in inf)
        {
            var peak = long.Parse(Regex.Match(l, @"BANDWIDTH=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var avg = long.Parse(Regex.Match(l, @"AVERAGE-BANDWIDTH=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(peak >= avg && avg > 10_000, l);
        }
    }

    [Fact]
    public void WithVp9InTheLadderEveryHlsVariantIsFmp4WithMap()
    {
        Assert.True(f.Pipeline.HlsUsesFmp4);
        Assert.True(f.Hls.TryGet("live", out var s));
        foreach (var name in new[] { "source", "h90", "v90" })
        {
            var v = s.RenderVariant(name)!;
            Assert.Contains("#EXT-X-VERSION:6", v);
            Assert.Contains("#EXT-X-MAP:URI=\"init0.mp4\"", v);
            Assert.Contains("\n0.m4s\n", v);
            Assert.Contains("\n2.m4s\n", v);
            Assert.True(s.TryGetSegment(name, "init0.mp4", out var init, out var type));
            Assert.Equal("video/mp4", type);
            // Muxed init: a video and an audio track.
            var parsed = Livepeer.Media.Fmp4.Fmp4Segment.Parse([.. init.ToArray(), .. (s.TryGetSegment(name, "0.m4s", out var m, out _) ? m.ToArray() : [])]);
            Assert.Equal(["vide", "soun"], parsed.Tracks.Select(t => t.Handler));
        }
    }

    [Fact]
    public async Task ATranscodeFailureLeavesTheSourceAndMarksADiscontinuity()
    {
        var hls = new Livepeer.Media.Hls.HlsStreamStore();
        var dash = new Livepeer.Media.Dash.DashStreamStore();
        var flaky = new FlakyTranscoder(f.Transcoder, failOn: 1);
        var p = new LivePipeline("flaky", [PipelineFixture.Ladder[1]], flaky, f.Packager, hls, dash);
        var results = new List<PipelineResult>();
        foreach (var seg in TestMedia.SmallSegments) results.Add(await p.AddSegmentAsync(seg));
        Assert.Null(results[0].Error);
        Assert.IsType<TranscodeException>(results[1].Error);
        Assert.Null(results[2].Error);
        Assert.Equal(1, p.Errors);
        hls.TryGet("flaky", out var s);
        Assert.False(p.HlsUsesFmp4); // H.264-only ladder: MPEG-TS variants
        Assert.Contains("\n0.ts\n#EXTINF:1.000,\n1.ts\n#EXTINF:1.000,\n2.ts", s.RenderVariant("source")!.Replace("1.001", "1.000").Replace("0.999", "1.000"));
        Assert.Matches(@"0\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:[\d.]+,\n2\.ts", s.RenderVariant("h90")!);
        p.End();
        Assert.EndsWith("#EXT-X-ENDLIST\n", s.RenderVariant("h90"));
    }

    private sealed class FlakyTranscoder(ITranscoder inner, long failOn) : ITranscoder
    {
        public Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<Livepeer.Media.Profiles.VideoProfile> profiles, CancellationToken cancellationToken = default) =>
            segment.Sequence == failOn ? throw new TranscodeException(TranscodeError.FfmpegFailed, "injected failure") : inner.TranscodeAsync(segment, profiles, cancellationToken);
    }
}

public class LivePipelineOrderingTests
{
    [Fact]
    public async Task ConcurrentCallersKeepArrivalOrderAndDiscontinuityKeepsDashContinuous()
    {
        var hls = new Livepeer.Media.Hls.HlsStreamStore();
        var dash = new Livepeer.Media.Dash.DashStreamStore();
        var p = new LivePipeline("order", [PipelineFixture.Ladder[1]], new FfmpegTranscoder(), new Livepeer.Media.Fmp4.CmafPackager(), hls, dash);
        var src = TestMedia.SmallSegments;
        // Segment 3 restarts the timestamps (a publisher reconnect): flagged as a discontinuity.
        var restarted = src[0] with { Sequence = 3, Discontinuity = true };
        var results = await Task.WhenAll(p.AddSegmentAsync(src[0]), p.AddSegmentAsync(src[1]), p.AddSegmentAsync(src[2]), p.AddSegmentAsync(restarted));
        Assert.All(results, r => Assert.Null(r.Error));
        await p.EndAsync();

        hls.TryGet("order", out var h);
        var variant = h.RenderVariant("h90")!;
        Assert.Matches(@"0\.ts\n#EXTINF:[\d.]+,\n1\.ts\n#EXTINF:[\d.]+,\n2\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:[\d.]+,\n3\.ts\n#EXT-X-ENDLIST", variant);

        dash.TryGet("order", out var d);
        foreach (var id in new[] { "source", "h90", "audio" })
        {
            var segs = d.SegmentsOf(id);
            Assert.Equal(4, segs.Count);
            for (int i = 1; i < segs.Count; i++)
            {
                // Each segment starts where the previous ended (within one audio frame for audio), also across the restart.
                long gap = (long)segs[i].Time - (long)(segs[i - 1].Time + segs[i - 1].Duration);
                Assert.InRange(gap, -3000, 3000);
            }
            Assert.True(d.TryGet(id, "init.mp4", out var init));
            var last = Livepeer.Media.Fmp4.Fmp4Segment.Parse([.. init.ToArray(), .. segs[3].Data.ToArray()]);
            Assert.Equal(segs[3].Time, last.BaseDecodeTime[last.Tracks[0].TrackId]); // tfdt rewritten to match the timeline
        }
    }
}

public class LivePipelineLoadTests
{
    private sealed class SlowTranscoder(ITranscoder inner, TimeSpan delay) : ITranscoder
    {
        public async Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<Livepeer.Media.Profiles.VideoProfile> profiles, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            return await inner.TranscodeAsync(segment, profiles, cancellationToken);
        }
    }

    [Fact]
    public async Task ABackloggedTranscoderSkipsRenditionsButNeverTheSource()
    {
        var hls = new Livepeer.Media.Hls.HlsStreamStore();
        var p = new LivePipeline("slow", [PipelineFixture.Ladder[1]], new SlowTranscoder(new FfmpegTranscoder(), TimeSpan.FromSeconds(1)),
            new Livepeer.Media.Fmp4.CmafPackager(), hls, new Livepeer.Media.Dash.DashStreamStore(), maxPendingTranscodes: 1);
        var src = TestMedia.SmallSegments;
        var results = await Task.WhenAll(p.AddSegmentAsync(src[0]), p.AddSegmentAsync(src[1]), p.AddSegmentAsync(src[2]));
        Assert.Null(results[0].Error);
        Assert.IsType<PipelineOverloadedException>(results[1].Error);
        Assert.IsType<PipelineOverloadedException>(results[2].Error);
        hls.TryGet("slow", out var s);
        Assert.Contains("2.ts", s.RenderVariant("source"));
        Assert.DoesNotContain("1.ts", s.RenderVariant("h90"));
        var next = await p.AddSegmentAsync(src[0] with { Sequence = 3, Discontinuity = true });
        Assert.Null(next.Error);
        Assert.Matches(@"0\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:[\d.]+,\n3\.ts", s.RenderVariant("h90")!);
    }

    [Fact]
    public async Task AudioOnlySegmentsPublishTheSourceAudio()
    {
        var path = Path.Combine(TestMedia.Root, "audio-only-" + Guid.NewGuid().ToString("N") + ".ts");
        TestMedia.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "2", "-c:a", "aac", "-f", "mpegts", path]);
        var seg = new MediaSegment("radio", 0, File.ReadAllBytes(path), 126000, 180000, false, new SegmentTracks(null, "aac"));
        var hls = new Livepeer.Media.Hls.HlsStreamStore();
        var dash = new Livepeer.Media.Dash.DashStreamStore();
        var p = new LivePipeline("radio", [PipelineFixture.Ladder[1]], new FfmpegTranscoder(), new Livepeer.Media.Fmp4.CmafPackager(), hls, dash);
        var r = await p.AddSegmentAsync(seg);
        Assert.Equal(TranscodeError.NoFrames, Assert.IsType<TranscodeException>(r.Error).Error);
        hls.TryGet("radio", out var h);
        Assert.Contains("CODECS=\"mp4a.40.2\"\nsource/index.m3u8", h.RenderMaster());
        Assert.DoesNotContain("RESOLUTION", h.RenderMaster());
        dash.TryGet("radio", out var d);
        Assert.Equal(["audio"], d.Representations);
    }
}
