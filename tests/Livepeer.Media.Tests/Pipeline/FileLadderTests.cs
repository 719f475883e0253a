using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Pipeline;

public class FileLadderTests
{
    [Fact]
    public async Task SplitsAFileTranscodesAndWritesHlsAndDashToDisk()
    {
        var dir = Path.Combine(TestMedia.Root, "file-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var input = Path.Combine(dir, "in.mkv");
        // MPEG-4 Part 2 video + MP3: not TS-copyable, so the splitter must re-encode to H.264 + AAC.
        TestMedia.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine",
            "-t", "3", "-c:v", "mpeg4", "-c:a", "libmp3lame", input]);
        var segments = await FileSplitter.SplitAsync(input, Path.Combine(dir, "segs"), 1.0);
        Assert.InRange(segments.Count, 3, 4);
        var hls = new HlsStreamStore(new HlsOptions { WindowSize = 10 });
        var dash = new DashStreamStore(new DashOptions { WindowSize = 10 });
        var pipeline = new LivePipeline("f", [new VideoProfile("r90", 160, 90, 150_000, 30, 1, 1.0)], new FfmpegTranscoder(), new CmafPackager(), hls, dash);
        for (int i = 0; i < segments.Count; i++)
        {
            var seg = await SegmentFromTs.CreateAsync("f", i, File.ReadAllBytes(segments[i]), null);
            Assert.Equal(("h264", "aac"), (seg.Tracks.VideoCodec, seg.Tracks.AudioCodec));
            Assert.Null((await pipeline.AddSegmentAsync(seg)).Error);
        }
        pipeline.End();
        hls.TryGet("f", out var h);
        dash.TryGet("f", out var d);
        var outDir = Path.Combine(dir, "out");
        int files = await LadderWriter.WriteAsync(h, d, outDir);
        Assert.True(files > 10);
        var variant = File.ReadAllText(Path.Combine(outDir, "hls", "r90", "index.m3u8"));
        Assert.EndsWith("#EXT-X-ENDLIST\n", variant);
        foreach (var line in variant.Split('\n').Where(l => l.EndsWith(".ts")))
            Assert.True(File.Exists(Path.Combine(outDir, "hls", "r90", line)), line);
        // The DASH files on disk decode as one continuous track.
        var all = new MemoryStream();
        all.Write(File.ReadAllBytes(Path.Combine(outDir, "dash", "r90", "init.mp4")));
        for (int n = 0; File.Exists(Path.Combine(outDir, "dash", "r90", $"{n}.m4s")); n++)
            all.Write(File.ReadAllBytes(Path.Combine(outDir, "dash", "r90", $"{n}.m4s")));
        var path = Path.Combine(dir, "r90.mp4");
        File.WriteAllBytes(path, all.ToArray());
        Assert.Equal("", TestMedia.DecodeErrors(path).Trim());
        Assert.Contains("type=\"static\"", File.ReadAllText(Path.Combine(outDir, "dash", "manifest.mpd")));
    }

    [Fact]
    public async Task SplitterRejectsMissingAndUnreadableFiles()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => FileSplitter.SplitAsync("/no/such/file.mp4", TestMedia.Root));
        var junk = Path.Combine(TestMedia.Root, "junk.mp4");
        File.WriteAllBytes(junk, new byte[1000]);
        var e = await Assert.ThrowsAsync<TranscodeException>(() => FileSplitter.SplitAsync(junk, Path.Combine(TestMedia.Root, "junk")));
        Assert.Equal(TranscodeError.CorruptInput, e.Error);
    }
}
