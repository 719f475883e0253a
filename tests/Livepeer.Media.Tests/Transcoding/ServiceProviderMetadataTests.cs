using System.Text.Json;
using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Transcoding;

/// <summary>go-livepeer stamps "Livepeer Transcoder VERSION (ORCH)" into every rendition: MPEG-TS service_provider, MP4 comment.</summary>
public class ServiceProviderMetadataTests
{
    private const string Provider = "Livepeer Transcoder 1.2.3 (0x00000000000000000000000000000000000000aB)";
    private static readonly VideoProfile Ts = new("ts90", 160, 90, 150_000, 30, 1, 1.0);
    private static readonly VideoProfile Mp4 = new("mp490", 160, 90, 150_000, 30, 1, 1.0, VideoCodec.Vp9);

    [Fact]
    public async Task PerSegmentOutputsCarryTheServiceProviderInTheFieldTheirMuxerKeeps()
    {
        var result = await new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[0] with { ServiceProvider = Provider }, [Ts, Mp4]);
        Assert.Equal(Provider, TsServiceProvider(result.Renditions[0].Data));
        Assert.Equal("Processed by " + Provider, Mp4Comment(result.Renditions[1].Data));
    }

    [Fact]
    public async Task SessionProcessesStartedAheadCarryItAndAChangeStartsAFreshProcess()
    {
        using var t = new PersistentTranscoder();
        var small = TestMedia.SmallSegments;
        await t.TranscodeAsync(small[0] with { ServiceProvider = Provider }, [Ts]);
        var warm = await t.TranscodeAsync(small[1] with { ServiceProvider = Provider }, [Ts]);
        Assert.Equal(1, t.SegmentsInSession);
        Assert.Equal(Provider, TsServiceProvider(warm.Renditions[0].Data));

        // Another orchestrator id is another command: the waiting process is not fed a segment it would mislabel.
        var other = Provider.Replace("0x00000000000000000000000000000000000000aB", "offchain", StringComparison.Ordinal);
        var changed = await t.TranscodeAsync(small[2] with { ServiceProvider = other }, [Ts]);
        Assert.Equal(other, TsServiceProvider(changed.Renditions[0].Data));
        Assert.Equal(1, t.FormatChanges);
    }

    [Fact]
    public async Task WithoutOneNothingIsStamped()
    {
        var result = await new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[0], [Ts, Mp4]);
        Assert.NotEqual(Provider, TsServiceProvider(result.Renditions[0].Data));
        Assert.Null(Mp4Comment(result.Renditions[1].Data));
    }

    private static string? TsServiceProvider(byte[] data)
    {
        using var probe = TestMedia.ProbeBytes(data, "ts", "-show_programs");
        var program = probe.RootElement.GetProperty("programs")[0];
        return program.TryGetProperty("tags", out var tags) && tags.TryGetProperty("service_provider", out var p) ? p.GetString() : null;
    }

    private static string? Mp4Comment(byte[] data)
    {
        using var probe = TestMedia.ProbeBytes(data, "mp4", "-show_format");
        var format = probe.RootElement.GetProperty("format");
        return format.TryGetProperty("tags", out var tags) && tags.TryGetProperty("comment", out var c) ? c.GetString() : null;
    }
}
