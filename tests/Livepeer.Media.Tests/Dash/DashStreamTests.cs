using System.Globalization;
using System.Xml.Linq;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Tests.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Media.Tests.Dash;

[Collection("pipeline")]
public class DashStreamTests(PipelineFixture f)
{
    private static readonly XNamespace Ns = "urn:mpeg:dash:schema:mpd:2011";

    private List<Fmp4Segment> AudioFragments()
    {
        Assert.True(f.Dash.TryGet("live", out var s));
        var list = new List<Fmp4Segment>();
        Assert.True(s.TryGet("audio", "init.mp4", out var init));
        for (int n = 0; s.TryGet("audio", $"{n}.m4s", out var m); n++) list.Add(Fmp4Segment.Parse([.. init.ToArray(), .. m.ToArray()]));
        return list;
    }

    [Fact]
    public void SlidingWindowGraceAndStaticSwitch()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));
        var s = new DashStream("x", new DashOptions { WindowSize = 2, GracePeriod = TimeSpan.FromSeconds(10) }, time);
        var frags = AudioFragments();
        foreach (var fr in frags) { s.AddSegment("audio", fr); time.Advance(TimeSpan.FromSeconds(1)); }
        var mpd = XDocument.Parse(s.RenderMpd("http://h/utc")).Root!;
        var template = mpd.Descendants(Ns + "SegmentTemplate").Single();
        Assert.Equal("1", (string?)template.Attribute("startNumber"));
        Assert.Equal(2, template.Descendants(Ns + "S").Count());
        // The first segment became available when it was added: availabilityStartTime = that instant minus its duration.
        var ast = DateTimeOffset.Parse((string)mpd.Attribute("availabilityStartTime")!, CultureInfo.InvariantCulture);
        var first = frags[0];
        double firstSeconds = (double)first.Duration[first.Tracks[0].TrackId] / first.Tracks[0].Timescale;
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture) - TimeSpan.FromSeconds(firstSeconds), ast, TimeSpan.FromMilliseconds(2));
        Assert.True(s.TryGet("audio", "0.m4s", out _)); // left the window, inside the grace period
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(s.TryGet("audio", "0.m4s", out _));
        s.End();
        mpd = XDocument.Parse(s.RenderMpd("http://h/utc")).Root!;
        Assert.Equal("static", (string?)mpd.Attribute("type"));
        Assert.Null(mpd.Attribute("minimumUpdatePeriod"));
        Assert.StartsWith("PT", (string?)mpd.Attribute("mediaPresentationDuration"));
        Assert.Throws<InvalidOperationException>(() => s.AddSegment("audio", frags[0]));
    }

    [Fact]
    public void RejectsMultiTrackFragments()
    {
        var s = new DashStream("x", new DashOptions(), TimeProvider.System);
        var r = f.Results[0].Transcoded!.Renditions.Single(x => x.Profile.Name == "v90");
        Assert.Throws<ArgumentException>(() => s.AddSegment("v", Fmp4Segment.Parse(r.Data))); // video + audio
        Assert.Throws<ArgumentException>(() => new DashOptions { WindowSize = 1 }.Validate());
    }
}
