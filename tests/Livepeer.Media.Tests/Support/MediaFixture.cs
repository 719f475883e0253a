namespace Livepeer.Media.Tests.Support;

/// <summary>Test media generated once per run with ffmpeg lavfi sources (nothing is committed).</summary>
public sealed class MediaFixture : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Lazy<byte[]> _h264Aac;
    private readonly Lazy<byte[]> _hevcAnnexB;

    public MediaFixture()
    {
        _h264Aac = new(() => Generate("h264aac.flv",
            "-f lavfi -i testsrc2=size=320x240:rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -c:v libx264 -preset ultrafast -g 30 -bf 2 -c:a aac -t 5 -f flv"));
        _hevcAnnexB = new(() => Generate("video.hevc",
            "-f lavfi -i testsrc2=size=320x240:rate=25 -c:v libx265 -preset ultrafast -x265-params keyint=25:min-keyint=25:scenecut=0:open-gop=0:bframes=0:aud=1:log-level=error -t 4 -f hevc"));
    }

    /// <summary>5 s 320x240 30 fps H.264 (keyframe every second, B-frames) + AAC 44.1 kHz, as FLV.</summary>
    public byte[] H264AacFlv => _h264Aac.Value;

    /// <summary>4 s 320x240 25 fps HEVC Annex B, IDR every second, AUD before each access unit, no B-frames.</summary>
    public byte[] HevcAnnexB => _hevcAnnexB.Value;

    public string Directory => _dir.Path;

    private byte[] Generate(string name, string args)
    {
        var path = _dir.File(name);
        var all = args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend("error").Prepend("-v").Prepend("-y").Append(path);
        var r = ExternalTool.RunAsync("ffmpeg", all, TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        if (r.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed generating {name}: {r.Stderr}");
        return System.IO.File.ReadAllBytes(path);
    }

    public void Dispose() => _dir.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<MediaFixture>
{
    public const string Name = "media";
}
