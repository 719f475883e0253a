using System.Globalization;
using System.Xml.Linq;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Tests.Pipeline;

namespace Livepeer.Media.Tests.Dash;

[Collection("pipeline")]
public class DashOutputTests(PipelineFixture f)
{
    private static readonly XNamespace Ns = "urn:mpeg:dash:schema:mpd:2011";

    private XDocument Mpd()
    {
        Assert.True(f.Dash.TryGet("live", out var s));
        return XDocument.Parse(s.RenderMpd("http://127.0.0.1:1/utc"));
    }

    [Fact]
    public void DynamicMpdHasTheRequiredAttributes()
    {
        var mpd = Mpd().Root!;
        Assert.Equal(Ns + "MPD", mpd.Name);
        Assert.Equal("dynamic", (string?)mpd.Attribute("type"));
        foreach (var a in new[] { "availabilityStartTime", "publishTime", "minimumUpdatePeriod", "timeShiftBufferDepth", "minBufferTime", "profiles" })
            Assert.False(string.IsNullOrEmpty((string?)mpd.Attribute(a)), a);
        DateTimeOffset.Parse((string)mpd.Attribute("availabilityStartTime")!, CultureInfo.InvariantCulture);
        var utc = mpd.Element(Ns + "UTCTiming")!;
        Assert.Equal("urn:mpeg:dash:utc:http-iso:2014", (string?)utc.Attribute("schemeIdUri"));
        Assert.Equal("http://127.0.0.1:1/utc", (string?)utc.Attribute("value"));
    }

    [Fact]
    public void OneVideoAdaptationSetWithEveryRenditionPlusAudio()
    {
        var sets = Mpd().Root!.Element(Ns + "Period")!.Elements(Ns + "AdaptationSet").ToList();
        Assert.Equal(["video", "video", "audio"], sets.Select(s => (string?)s.Attribute("contentType")));
        Assert.Equal(["video/mp4", "video/webm", "audio/mp4"], sets.Select(s => (string?)s.Attribute("mimeType")));
        var vp8 = sets[1].Element(Ns + "Representation")!;
        Assert.Equal(("p90", "vp8", "160", "90"), ((string?)vp8.Attribute("id"), (string?)vp8.Attribute("codecs"), (string?)vp8.Attribute("width"), (string?)vp8.Attribute("height")));
        Assert.Equal("$RepresentationID$/$Number$.webm", (string?)vp8.Element(Ns + "SegmentTemplate")!.Attribute("media"));
        sets = [sets[0], sets[2]];
        var video = sets[0].Elements(Ns + "Representation").ToList();
        Assert.Equal(["source", "h180", "h90", "v90"], video.Select(r => (string?)r.Attribute("id")));
        foreach (var r in video)
        {
            foreach (var a in new[] { "bandwidth", "codecs", "width", "height", "frameRate" })
                Assert.False(string.IsNullOrEmpty((string?)r.Attribute(a)), $"{r.Attribute("id")} {a}");
            var t = r.Element(Ns + "SegmentTemplate")!;
            Assert.Equal("90000", (string?)t.Attribute("timescale"));
            Assert.Equal("$RepresentationID$/init.mp4", (string?)t.Attribute("initialization"));
            Assert.Equal("$RepresentationID$/$Number$.m4s", (string?)t.Attribute("media"));
            Assert.Equal(3, t.Element(Ns + "SegmentTimeline")!.Elements(Ns + "S").Count());
        }
        Assert.StartsWith("vp09.", (string?)video[3].Attribute("codecs"));
        var audio = sets[1].Element(Ns + "Representation")!;
        Assert.Equal("mp4a.40.2", (string?)audio.Attribute("codecs"));
        Assert.Equal("48000", (string?)audio.Attribute("audioSamplingRate"));
    }

    [Theory]
    [InlineData("source", "h264")]
    [InlineData("h90", "h264")]
    [InlineData("v90", "vp9")]
    [InlineData("audio", "aac")]
    public void SegmentsAreCmafWithContinuousTfdtMatchingTheTimeline(string id, string codec)
    {
        Assert.True(f.Dash.TryGet("live", out var s));
        var rep = Mpd().Root!.Descendants(Ns + "Representation").Single(r => (string?)r.Attribute("id") == id);
        var timeline = rep.Element(Ns + "SegmentTemplate")!.Element(Ns + "SegmentTimeline")!.Elements(Ns + "S").ToList();
        ulong t = ulong.Parse((string)timeline[0].Attribute("t")!, CultureInfo.InvariantCulture);
        Assert.True(s.TryGet(id, "init.mp4", out var init));
        var initBoxes = BmffBox.Read(init.Span, 0, init.Length);
        Assert.Equal(["ftyp", "moov"], initBoxes.Select(b => b.Type));
        Assert.NotNull(BmffBox.Find(init.Span, initBoxes, "moov", "mvex"));
        var all = new MemoryStream();
        all.Write(init.Span);
        for (int n = 0; n < timeline.Count; n++)
        {
            Assert.True(s.TryGet(id, $"{n}.m4s", out var media));
            var boxes = BmffBox.Read(media.Span, 0, media.Length);
            Assert.Equal(["styp", "moof", "mdat"], boxes.Take(3).Select(b => b.Type));
            var parsed = Fmp4Segment.Parse([.. init.ToArray(), .. media.ToArray()]);
            var track = parsed.Tracks[0];
            // tfdt continues exactly where the previous segment ended and equals the timeline's t.
            Assert.Equal(t, parsed.BaseDecodeTime[track.TrackId]);
            ulong d = ulong.Parse((string)timeline[n].Attribute("d")!, CultureInfo.InvariantCulture);
            Assert.Equal(d, parsed.Duration[track.TrackId]);
            t += d;
            all.Write(media.Span);
        }
        Assert.False(s.TryGet(id, "99.m4s", out _));
        var path = Path.Combine(TestMedia.Root, $"dash-{id}-{Guid.NewGuid():N}.mp4");
        File.WriteAllBytes(path, all.ToArray());
        Assert.Equal("", TestMedia.DecodeErrors(path).Trim());
        using var probe = TestMedia.Probe(path, "-show_entries", "stream=codec_name");
        Assert.Equal(codec, probe.RootElement.GetProperty("streams")[0].GetProperty("codec_name").GetString());
        if (id != "audio")
        {
            using var first = TestMedia.Probe(path, "-select_streams", "v:0", "-show_entries", "packet=flags", "-read_intervals", "%+#1");
            Assert.StartsWith("K", first.RootElement.GetProperty("packets")[0].GetProperty("flags").GetString());
        }
    }

    [Fact]
    public void Vp8WebmSegmentsFormOneDecodableLiveWebm()
    {
        Assert.True(f.Dash.TryGet("live", out var s));
        var rep = Mpd().Root!.Descendants(Ns + "Representation").Single(r => (string?)r.Attribute("id") == "p90");
        var template = rep.Element(Ns + "SegmentTemplate")!;
        Assert.Equal("1000", (string?)template.Attribute("timescale"));
        var timeline = template.Element(Ns + "SegmentTimeline")!.Elements(Ns + "S").ToList();
        Assert.Equal(3, timeline.Count);
        Assert.NotNull(timeline[0].Attribute("t"));
        Assert.All(timeline.Skip(1), e => Assert.Null(e.Attribute("t"))); // continuous
        Assert.True(s.TryGet("p90", "init.webm", out var init, out var type));
        Assert.Equal("video/webm", type);
        var all = new MemoryStream();
        all.Write(init.Span);
        for (int n = 0; n < 3; n++)
        {
            Assert.True(s.TryGet("p90", $"{n}.webm", out var media));
            Assert.Equal(new byte[] { 0x1F, 0x43, 0xB6, 0x75 }, media.Span[..4].ToArray()); // starts with a Cluster
            all.Write(media.Span);
        }
        var path = Path.Combine(TestMedia.Root, $"dash-vp8-{Guid.NewGuid():N}.webm");
        File.WriteAllBytes(path, all.ToArray());
        Assert.Equal("", TestMedia.DecodeErrors(path).Trim());
        using var probe = TestMedia.Probe(path, "-select_streams", "v:0", "-count_packets", "-show_entries", "stream=codec_name,width,nb_read_packets,start_time");
        var st = probe.RootElement.GetProperty("streams")[0];
        Assert.Equal("vp8", st.GetProperty("codec_name").GetString());
        Assert.InRange(int.Parse(st.GetProperty("nb_read_packets").GetString()!, CultureInfo.InvariantCulture), 88, 92);
        double start = double.Parse(st.GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(double.Parse((string)timeline[0].Attribute("t")!, CultureInfo.InvariantCulture) / 1000, start, 0.002);
    }
}
