using System.Text.RegularExpressions;
using Livepeer.Media.Hls;

namespace Livepeer.Media.Tests.Hls;

public class HlsStreamTests
{
    [Fact]
    public void MasterListsVariantsWithMeasuredBandwidthAndAttributes()
    {
        var s = new HlsStreamStore().GetOrCreate("live");
        s.SetVariant(new HlsVariantInfo("source", 1920, 1080, 30, "avc1.640028,mp4a.40.2"));
        s.SetVariant(new HlsVariantInfo("P360p30fps16x9", 640, 360, 29.97, "avc1.64001E,mp4a.40.2"));
        Assert.Equal("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n", s.RenderMaster()); // nothing published yet
        s.AddSegment("source", "0.ts", 2.0, false, new byte[250_000], "video/mp2t");   // 1,000,000 bps
        s.AddSegment("source", "1.ts", 2.0, false, new byte[500_000], "video/mp2t");   // 2,000,000 bps
        s.AddSegment("P360p30fps16x9", "0.ts", 2.0, false, new byte[50_000], "video/mp2t");
        var master = s.RenderMaster();
        Assert.Equal(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n" +
            "#EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1500000,RESOLUTION=1920x1080,CODECS=\"avc1.640028,mp4a.40.2\",FRAME-RATE=30.000\nsource/index.m3u8\n" +
            "#EXT-X-STREAM-INF:BANDWIDTH=200000,AVERAGE-BANDWIDTH=200000,RESOLUTION=640x360,CODECS=\"avc1.64001E,mp4a.40.2\",FRAME-RATE=29.970\nP360p30fps16x9/index.m3u8\n",
            master);
    }

    [Fact]
    public void EndAppliesToEveryVariantIncludingLaterOnes()
    {
        var s = new HlsStreamStore().GetOrCreate("live");
        s.SetVariant(new HlsVariantInfo("a", 2, 2, 30, "avc1.640028"));
        s.AddSegment("a", "0.ts", 2, false, new byte[1], "video/mp2t");
        s.End();
        s.SetVariant(new HlsVariantInfo("b", 2, 2, 30, "avc1.640028"));
        Assert.EndsWith("#EXT-X-ENDLIST\n", s.RenderVariant("a"));
        Assert.EndsWith("#EXT-X-ENDLIST\n", s.RenderVariant("b"));
        Assert.Null(s.RenderVariant("c"));
        Assert.Throws<HlsException>(() => s.AddSegment("c", "0.ts", 2, false, new byte[1], "video/mp2t"));
    }

    [Fact]
    public async Task ConcurrentWritersAndReadersKeepThePlaylistConsistent()
    {
        var s = new HlsStreamStore(new HlsOptions { WindowSize = 5 }).GetOrCreate("live");
        s.SetVariant(new HlsVariantInfo("a", 2, 2, 30, "avc1.640028"));
        var writer = Task.Run(() => { for (int i = 0; i < 2000; i++) s.AddSegment("a", $"{i}.ts", 2, i % 100 == 50, new byte[10], "video/mp2t"); });
        var reader = Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                var text = s.RenderVariant("a")!;
                var seq = long.Parse(Regex.Match(text, @"MEDIA-SEQUENCE:(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var first = Regex.Match(text, @"^(\d+)\.ts$", RegexOptions.Multiline);
                if (first.Success) Assert.Equal(seq, long.Parse(first.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        await Task.WhenAll(writer, reader);
        Assert.Equal(2000, s.NextSequence("a"));
    }

    [Fact]
    public void StoreIsKeyedByName()
    {
        var store = new HlsStreamStore();
        Assert.Same(store.GetOrCreate("x"), store.GetOrCreate("x"));
        Assert.NotSame(store.GetOrCreate("x"), store.GetOrCreate("y"));
        Assert.True(store.Remove("x"));
        Assert.False(store.TryGet("x", out _));
        Assert.Throws<ArgumentException>(() => new HlsStreamStore(new HlsOptions { WindowSize = 1 }));
    }
}
