using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Transcoding;

public class TranscoderErrorTests
{
    private static readonly VideoProfile[] Ladder = [new("r90", 160, 90, 150_000, 15, 1, 1.0)];

    private static MediaSegment Segment(byte[] data) => new("bad", 0, data, 0, 90_000, false, new SegmentTracks("h264", "aac"));

    private static async Task<TranscodeException> Fails(byte[] data, FfmpegTranscoder? t = null, IReadOnlyList<VideoProfile>? ladder = null) =>
        await Assert.ThrowsAsync<TranscodeException>(() => (t ?? new FfmpegTranscoder()).TranscodeAsync(Segment(data), ladder ?? Ladder));

    [Fact]
    public async Task GarbageIsCorruptInput()
    {
        var rng = new Random(42);
        var bytes = new byte[50_000];
        rng.NextBytes(bytes);
        var e = await Fails(bytes);
        Assert.Equal(TranscodeError.CorruptInput, e.Error);
        Assert.Contains("MPEG-TS", e.Message);
    }

    [Fact]
    public async Task EmptySegmentHasNoFrames() => Assert.Equal(TranscodeError.NoFrames, (await Fails([])).Error);

    [Fact]
    public async Task ZeroFrameSegmentHasNoFrames()
    {
        // The first 188-byte packets of a real segment: PAT/PMT (and SDT) but no complete video frame.
        var src = TestMedia.SmallSegments[0].Data.ToArray();
        var e = await Fails(src[..(188 * 3)]);
        Assert.Equal(TranscodeError.NoFrames, e.Error);
    }

    [Fact]
    public async Task SegmentStartingMidGopHasNoKeyframe()
    {
        // Re-cut a segment so it starts after its IDR: the first video packet is a P/B frame.
        var dir = Path.Combine(TestMedia.Root, "nokey-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var input = Path.Combine(dir, "in.ts");
        File.WriteAllBytes(input, TestMedia.SmallSegments[0].Data.ToArray());
        var output = Path.Combine(dir, "cut.ts");
        TestMedia.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-i", input, "-map", "0:v", "-c", "copy",
            "-bsf:v", "noise=drop=eq(n\\,0)", "-f", "mpegts", output]);
        var e = await Fails(File.ReadAllBytes(output));
        Assert.Equal(TranscodeError.NoKeyframe, e.Error);
    }

    [Fact]
    public async Task AudioOnlySegmentHasNoFrames()
    {
        var path = Path.Combine(TestMedia.Root, "audio-" + Guid.NewGuid().ToString("N") + ".ts");
        TestMedia.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine", "-t", "1", "-c:a", "aac", "-f", "mpegts", path]);
        var e = await Fails(File.ReadAllBytes(path));
        Assert.Equal(TranscodeError.NoFrames, e.Error);
        Assert.Contains("audio but no video", e.Message);
    }

    [Fact]
    public async Task MidStreamSyncLossIsCorruptInput()
    {
        var data = TestMedia.SmallSegments[0].Data.ToArray();
        data[188 * 5] = 0x00; // a packet without its sync byte, before the first video frame ends
        Assert.Equal(TranscodeError.CorruptInput, (await Fails(data)).Error);
    }

    [Fact]
    public async Task MissingEncoderIsNamed()
    {
        var t = new FfmpegTranscoder(encoders: new FfmpegEncoders(["libx264"]));
        var e = await Fails(TestMedia.SmallSegments[0].Data.ToArray(), t, [new VideoProfile("av", 160, 90, 100_000, 15, 1, 1, VideoCodec.Av1)]);
        Assert.Equal(TranscodeError.EncoderMissing, e.Error);
        Assert.Contains("libsvtav1", e.Message);
        Assert.Contains("\"av\"", e.Message);
    }

    [Fact]
    public async Task EncoderListIsParsedFromFfmpeg()
    {
        var encoders = await FfmpegEncoders.QueryAsync("ffmpeg");
        Assert.Contains("libx264", encoders.Names);
        Assert.Contains("aac", encoders.Names);
        Assert.DoesNotContain("------", encoders.Names);
    }

    [Fact]
    public async Task MissingBinaryIsATypedError()
    {
        var t = new FfmpegTranscoder(new FfmpegTranscoderOptions { FfmpegPath = "/nonexistent/ffmpeg" });
        var e = await Fails(TestMedia.SmallSegments[0].Data.ToArray(), t);
        Assert.Equal(TranscodeError.EncoderMissing, e.Error);
    }

    [Fact]
    public async Task TimeoutKillsTheProcess()
    {
        var t = new FfmpegTranscoder(new FfmpegTranscoderOptions { Timeout = TimeSpan.FromMilliseconds(30) });
        var ladder = new VideoProfile[] { new("big", 1920, 1080, 8_000_000, 60, 1, 1.0, VideoCodec.H264, Preset: "veryslow") };
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var e = await Fails(TestMedia.SmallSegments[0].Data.ToArray(), t, ladder);
        Assert.Equal(TranscodeError.Timeout, e.Error);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
    }

    [Fact]
    public async Task CallerCancellationIsHonoured()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));
        var ladder = new VideoProfile[] { new("big", 1920, 1080, 8_000_000, 60, 1, 1.0, VideoCodec.H264, Preset: "veryslow") };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[0], ladder, cts.Token));
    }

    [Fact]
    public async Task InvalidProfilesAreRejectedBeforeFfmpegRuns() =>
        await Assert.ThrowsAsync<ProfileException>(() => new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[0], [new VideoProfile("x", 3, 3, 1, 30, 1, 1)]));

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentException>(() => new FfmpegTranscoder(new FfmpegTranscoderOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new FfmpegTranscoder(new FfmpegTranscoderOptions { TempDirectory = "/no/such/dir" }));
    }

    [Fact]
    public void TimeoutFollowsGoLivepeerRule()
    {
        var t = new FfmpegTranscoder(new FfmpegTranscoderOptions());
        Assert.Equal(TimeSpan.FromSeconds(8), t.TimeoutFor(Segment([]) with { Duration = 90_000 }));
        Assert.Equal(TimeSpan.FromSeconds(40), t.TimeoutFor(Segment([]) with { Duration = 900_000 }));
    }
}
