using Livepeer.Media.Codecs;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Media.Verification;

namespace Livepeer.Media.Tests.Codecs;

/// <summary>The codec, container and ingest tables: one row per enum member, every fact present, no two rows sharing a fact.</summary>
public class CodecTableTests
{
    [Fact]
    public void EveryVideoCodecHasExactlyOneRowInEnumOrder() =>
        Assert.Equal(Enum.GetValues<VideoCodec>(), CodecTable.All.Select(c => c.Codec));

    [Fact]
    public void EveryContainerHasExactlyOneRowInEnumOrder() =>
        Assert.Equal(Enum.GetValues<OutputContainer>(), ContainerTable.All.Select(c => c.Container));

    [Fact]
    public void EveryIngestCodecHasExactlyOneRowInEnumOrder() =>
        Assert.Equal(Enum.GetValues<IngestCodec>(), IngestCodecTable.All.Select(c => c.Codec));

    [Fact]
    public void EveryCodecRowHasEveryFact()
    {
        foreach (var c in CodecTable.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(c.DisplayName), $"{c.Codec}: DisplayName");
            Assert.NotEmpty(c.Names);
            Assert.All(c.Names, n => Assert.Equal(n.Trim().ToUpperInvariant(), n));
            Assert.All(c.EncoderProfiles, p => Assert.Equal(p.Trim().ToLowerInvariant(), p));
            Assert.False(string.IsNullOrWhiteSpace(c.FfmpegEncoder), $"{c.Codec}: FfmpegEncoder");
            Assert.True(Enum.IsDefined(c.Container), $"{c.Codec}: Container");
            Assert.Matches("^[a-z0-9]+$", c.ProbeName);
            Assert.Matches("^[a-z0-9]{3,4}$", c.CodecsPrefix);
            Assert.StartsWith("V_", c.MatroskaCodecId, StringComparison.Ordinal);
            Assert.True(c.WireEncoder >= 0, $"{c.Codec}: WireEncoder");
            Assert.True(c.EncodeCapability >= 0, $"{c.Codec}: EncodeCapability");
            Assert.True(c.Hls || c.Dash, $"{c.Codec} would reach no player (neither HLS nor DASH)");
            // HLS cannot carry WebM, so an HLS codec must be in a container HLS plays.
            if (c.Hls) Assert.NotEqual(OutputContainer.WebM, c.Container);
            // The container probe reads a Matroska rendition back as the same codec the verifier expects.
            Assert.Equal(c.ProbeName, ContainerProbe.MatroskaCodec(c.MatroskaCodecId));
        }
    }

    [Fact]
    public void NoTwoCodecRowsShareAFact()
    {
        var all = CodecTable.All;
        foreach (var fact in new Func<VideoCodecInfo, object>[] { c => c.DisplayName, c => c.FfmpegEncoder, c => c.ProbeName, c => c.CodecsPrefix, c => c.MatroskaCodecId, c => c.WireEncoder, c => c.EncodeCapability })
            Assert.Equal(all.Count, all.Select(fact).Distinct().Count());
        Assert.Equal(all.Sum(c => c.Names.Count), all.SelectMany(c => c.Names).Distinct().Count());
    }

    [Fact]
    public void EveryContainerRowHasEveryFactAndNoTwoShareOne()
    {
        foreach (var c in ContainerTable.All)
        {
            Assert.Matches("^[a-z0-9]+$", c.Extension);
            Assert.StartsWith("video/", c.ContentType, StringComparison.Ordinal);
            Assert.True(c.Capability >= 0);
            Assert.Same(c, ContainerTable.FromContentType(c.ContentType + "; codecs=x"));
        }
        Assert.Equal(ContainerTable.All.Count, ContainerTable.All.Select(c => c.Extension).Distinct().Count());
        Assert.Equal(ContainerTable.All.Count, ContainerTable.All.Select(c => c.ContentType).Distinct().Count());
        Assert.Equal(ContainerTable.All.Count, ContainerTable.All.Select(c => c.Capability).Distinct().Count());
        Assert.Null(ContainerTable.FromContentType("application/octet-stream"));
        // Every container is used by some codec, and every codec's container has a row.
        Assert.All(ContainerTable.All, k => Assert.Contains(CodecTable.All, c => c.Container == k.Container));
    }

    [Fact]
    public void EveryIngestRowHasEveryFactAndMapsToItsRenditionCodec()
    {
        foreach (var c in IngestCodecTable.All)
        {
            Assert.Equal(CodecTable.Of(c.Output).ProbeName, c.ProbeName);
            Assert.Equal(CodecTable.Of(c.Output).CodecsPrefix, c.FourCc);
            Assert.True(Enum.IsDefined(c.TsStreamType));
            Assert.Equal(c.Codec, IngestCodecTable.FromTsStreamType((byte)c.TsStreamType));
            Assert.Equal(c.Codec, IngestCodecTable.FromFourCc(c.FourCc));
            Assert.Equal(c.Codec, IngestCodecTable.FromFlvCodecId(c.FlvCodecId));
            Assert.Equal(c.Codec, IngestCodecTable.FromProbeName(c.ProbeName));
        }
        Assert.Null(IngestCodecTable.FromTsStreamType(0x02));
        Assert.Null(IngestCodecTable.FromFourCc("vp09"));
    }

    [Fact]
    public void EveryNameOfEveryCodecParsesAsAProfileEncoderAndItsProfilesAreAccepted()
    {
        foreach (var c in CodecTable.All)
        {
            foreach (var name in c.Names)
            {
                var parsed = VideoProfileParser.ParseJson($$"""[{"name":"x","width":320,"height":180,"bitrate":300000,"encoder":"{{name.ToLowerInvariant()}}"}]""");
                Assert.Equal(c.Codec, parsed[0].Codec);
            }
            foreach (var profile in c.EncoderProfiles)
                Assert.Equal(profile, VideoProfileParser.ParseJson($$"""[{"name":"x","width":320,"height":180,"bitrate":300000,"encoder":"{{c.Names[0]}}","profile":"{{profile}}"}]""")[0].EncoderProfile);
        }
        var e = Assert.Throws<ProfileException>(() => VideoProfileParser.ParseJson("""[{"name":"x","width":320,"height":180,"bitrate":300000,"encoder":"mpeg2"}]"""));
        Assert.Contains(CodecTable.NameList, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOutsideAnEnumIsATypedErrorNotAGuess()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CodecTable.Of((VideoCodec)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContainerTable.Of((OutputContainer)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => IngestCodecTable.Of((IngestCodec)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => FfmpegCommand.ContainerFor((VideoCodec)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => FfmpegEncoders.EncoderFor((VideoCodec)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnnexBWriter.NalType((IngestCodec)99, 0x67));
        var probe = new SegmentProbe("h264", 320, 180, 30, 1, false, null);
        Assert.Throws<ArgumentOutOfRangeException>(() => FfmpegCommand.EncoderArgs(new VideoProfile("x", 320, 180, 300_000, 30, 1, 1, (VideoCodec)99), probe).ToList());
    }

    [Fact]
    public void TsIngestRefusesAVideoCodecItDoesNotReadInsteadOfPublishingItAsAudioOnly()
    {
        var path = Path.Combine(TestMedia.Root, $"mpeg2-{Guid.NewGuid():N}.ts");
        TestMedia.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=64x64:rate=10",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "0.5", "-c:v", "mpeg2video", "-c:a", "aac", "-f", "mpegts", path]);
        var e = Assert.Throws<TsFormatException>(() => TsSegmentInfo.Probe(File.ReadAllBytes(path)));
        Assert.Contains("0x02", e.Message, StringComparison.Ordinal);
        Assert.Contains("h264", e.Message, StringComparison.Ordinal);
    }
}
