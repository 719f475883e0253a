using System.Text.RegularExpressions;
using Livepeer.Media.Hls;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Media.Tests.Hls;

public class MediaPlaylistTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private MediaPlaylist New(int window = 3) => new(4, window, TimeSpan.FromSeconds(30), _time);

    private static void Add(MediaPlaylist p, int i, double d = 2.0, bool disc = false) => p.Append($"{i}.ts", d, disc, new byte[] { (byte)i }, "video/mp2t");

    private static string Tag(string text, string tag) => Regex.Match(text, $"^#{tag}:(.*)$", RegexOptions.Multiline).Groups[1].Value;

    [Fact]
    public void RendersRfc8216LivePlaylist()
    {
        var p = New();
        Add(p, 0, 2.002);
        Add(p, 1, 1.968);
        var text = p.Render();
        Assert.Equal("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-INDEPENDENT-SEGMENTS\n" +
                     "#EXTINF:2.002,\n0.ts\n#EXTINF:1.968,\n1.ts\n", text);
    }

    [Fact]
    public void SlidingWindowAdvancesMediaSequenceByOnePerRemovedSegment()
    {
        var p = New(window: 3);
        for (int i = 0; i < 7; i++)
        {
            Add(p, i);
            var text = p.Render();
            Assert.Equal(Math.Max(0, i - 2).ToString(System.Globalization.CultureInfo.InvariantCulture), Tag(text, "EXT-X-MEDIA-SEQUENCE"));
            Assert.Equal("4", Tag(text, "EXT-X-TARGETDURATION"));
            var uris = Regex.Matches(text, @"^(\d+)\.ts$", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            // Only appended at the tail, removed at the head: the window is a run of consecutive numbers ending at i.
            Assert.Equal(Enumerable.Range(Math.Max(0, i - 2), Math.Min(3, i + 1)), uris);
        }
    }

    [Fact]
    public void TargetDurationNeverChangesAndLongSegmentsAreRefused()
    {
        var p = New();
        Add(p, 0, 4.4); // rounds to 4: allowed
        var e = Assert.Throws<HlsException>(() => Add(p, 1, 4.5)); // rounds to 5
        Assert.Contains("target duration", e.Message);
        Assert.Equal("4", Tag(p.Render(), "EXT-X-TARGETDURATION"));
        Assert.Single(p.Segments);
    }

    [Fact]
    public void DiscontinuityTagsAndSequence()
    {
        var p = New(window: 3);
        Add(p, 0);
        Add(p, 1, disc: true);
        Add(p, 2);
        var text = p.Render();
        Assert.Contains("#EXTINF:2.000,\n0.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000,\n1.ts\n", text);
        Assert.Equal("0", Tag(text, "EXT-X-DISCONTINUITY-SEQUENCE"));
        Add(p, 3);
        Add(p, 4); // 1.ts (with its discontinuity) leaves the window
        text = p.Render();
        Assert.Equal("1", Tag(text, "EXT-X-DISCONTINUITY-SEQUENCE"));
        Assert.DoesNotContain("#EXT-X-DISCONTINUITY\n", text);
        Assert.Equal("2", Tag(text, "EXT-X-MEDIA-SEQUENCE"));
    }

    [Fact]
    public void EndListEndsTheStream()
    {
        var p = New();
        Add(p, 0);
        p.End();
        Assert.EndsWith("0.ts\n#EXT-X-ENDLIST\n", p.Render());
        Assert.Throws<HlsException>(() => Add(p, 1));
    }

    [Fact]
    public void RemovedSegmentsStayDownloadableForTheGracePeriod()
    {
        var p = New(window: 3);
        for (int i = 0; i < 5; i++) Add(p, i);
        Assert.DoesNotContain("0.ts", p.Render());
        Assert.True(p.TryGet("0.ts", out var data, out var type));
        Assert.Equal(new byte[] { 0 }, data.ToArray());
        Assert.Equal("video/mp2t", type);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.False(p.TryGet("0.ts", out _, out _));
        Assert.True(p.TryGet("4.ts", out _, out _));
        Assert.False(p.TryGet("99.ts", out _, out _));
    }

    [Fact]
    public void Fmp4SegmentsUseMapAndVersion6()
    {
        var p = New();
        Assert.Throws<HlsException>(() => p.Append("0.m4s", 2, false, new byte[1], "video/mp4", "init.mp4"));
        p.AddMap("init.mp4", new byte[] { 9 });
        p.Append("0.m4s", 2, false, new byte[1], "video/mp4", "init.mp4");
        p.Append("1.m4s", 2, false, new byte[1], "video/mp4", "init.mp4");
        var text = p.Render();
        Assert.Equal("6", Tag(text, "EXT-X-VERSION"));
        Assert.Single(Regex.Matches(text, "#EXT-X-MAP:URI=\"init.mp4\""));
        Assert.Contains("#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2.000,\n0.m4s", text);
        Assert.True(p.TryGet("init.mp4", out var init, out var type));
        Assert.Equal(("video/mp4", 9), (type, (int)init.Span[0]));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaPlaylist(0, 3, TimeSpan.Zero, _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaPlaylist(4, 2, TimeSpan.Zero, _time));
        var p = New();
        Assert.Throws<HlsException>(() => Add(p, 0, 0));
        Add(p, 0);
        Assert.Throws<HlsException>(() => Add(p, 0));
    }
}
