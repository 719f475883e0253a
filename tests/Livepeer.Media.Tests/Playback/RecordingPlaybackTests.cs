using System.Net;
using System.Text.Json;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Http;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Playback;

/// <summary>
/// --record-dir: every rendition and playlist of a stream stays on disk beyond the live window, is closed as a VOD when
/// the stream ends, and hls.js in headless Chromium plays it after the live stream is gone.
/// </summary>
public sealed class RecordingPlaybackTests : IDisposable
{
    private static readonly VideoProfile[] Ladder = [new("r144", 256, 144, 300_000, 30, 1, 2.0), new("r90", 160, 90, 150_000, 30, 1, 2.0)];
    private readonly string _dir = Directory.CreateTempSubdirectory("recordings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TheRecordingIsAClosedVodThatPlaysAfterTheStreamIsGone()
    {
        var hls = new HlsStreamStore(new HlsOptions { WindowSize = 3, RecordDirectory = _dir });
        var dash = new DashStreamStore(new DashOptions { WindowSize = 3, RecordDirectory = _dir });
        var pipeline = new LivePipeline("rec", Ladder, new FfmpegTranscoder(), new CmafPackager(), hls, dash);
        var segments = TestMedia.Generate("recording", 320, 180, 30, 16, 2, "rec");
        foreach (var segment in segments) Assert.Null((await pipeline.AddSegmentAsync(segment)).Error);
        Assert.True(hls.TryGet("rec", out var live));
        var live144 = live.RenderVariant("r144")!;
        Assert.DoesNotContain("#EXT-X-ENDLIST", File.ReadAllText(Path.Combine(_dir, "rec", "r144", "index.m3u8"))); // still live: an EVENT playlist
        pipeline.End();
        var recording = live.Recording!;
        await recording.Completion;
        Assert.Null(recording.Error);
        Assert.True(dash.TryGet("rec", out var liveDash));
        await liveDash.Recording!.Completion;
        Assert.Null(liveDash.Recording.Error);
        hls.Remove("rec");
        dash.Remove("rec");

        // The DASH recording: a static MPD listing every segment of every representation (not the live window of 3), each on disk.
        var mpd = System.Xml.Linq.XDocument.Load(Path.Combine(_dir, "rec", "manifest.mpd"));
        System.Xml.Linq.XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";
        Assert.Equal("static", mpd.Root!.Attribute("type")!.Value);
        Assert.NotNull(mpd.Root.Attribute("mediaPresentationDuration"));
        var representations = mpd.Descendants(ns + "Representation").ToList();
        Assert.Equal(["audio", "r144", "r90", LivePipeline.SourceName], representations.Select(r => r.Attribute("id")!.Value).Order(StringComparer.Ordinal));
        foreach (var r in representations)
        {
            var template = r.Element(ns + "SegmentTemplate")!;
            var timeline = template.Element(ns + "SegmentTimeline")!.Elements(ns + "S").ToList();
            Assert.Equal(segments.Count, timeline.Sum(s => 1 + int.Parse(s.Attribute("r")?.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture)));
            var id = r.Attribute("id")!.Value;
            var first = long.Parse(template.Attribute("startNumber")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(File.Exists(Path.Combine(_dir, "rec", id, template.Attribute("initialization")!.Value.Replace("$RepresentationID$/", ""))), id);
            for (var n = first; n < first + segments.Count; n++)
                Assert.True(new FileInfo(Path.Combine(_dir, "rec", template.Attribute("media")!.Value.Replace("$RepresentationID$", id).Replace("$Number$", n.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Length > 0, $"{id} {n}");
        }

        // Every segment of every rendition, not only the live window's.
        Assert.Equal(3, live144.Split('\n').Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)));
        foreach (var variant in new[] { LivePipeline.SourceName, "r144", "r90" })
        {
            var playlist = File.ReadAllText(Path.Combine(_dir, "rec", variant, "index.m3u8"));
            Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", playlist);
            Assert.EndsWith("#EXT-X-ENDLIST\n", playlist);
            var files = playlist.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            Assert.Equal(segments.Count, files.Count);
            Assert.All(files, f => Assert.True(new FileInfo(Path.Combine(_dir, "rec", variant, f)).Length > 0, f));
        }
        Assert.Contains("r144/index.m3u8", File.ReadAllText(Path.Combine(_dir, "rec", "index.m3u8")));

        // The live stream is gone; the recording plays from disk in a real player, every rendition in turn.
        await using var server = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0 }, hls, dash, mapExtra: app =>
        {
            BrowserPlaybackTests.MapPlayer(app);
            RecordingFiles.Map(app, _dir);
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("hls/rec/index.m3u8")).StatusCode);
        using (var served = await http.GetAsync("recordings/rec/manifest.mpd")) Assert.Equal("application/dash+xml", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("recordings/rec/..%2F..%2Fetc/passwd")).StatusCode);
        var src = new Uri(server.BaseAddress, "recordings/rec/index.m3u8");
        var page = new Uri(server.BaseAddress, $"player.html?mode=hls&src={Uri.EscapeDataString(src.ToString())}");
        var (stdout, stderr, exit) = TestMedia.Run("node", [Path.Combine(BrowserPlaybackTests.JsDirectory, "playback.mjs"), page.ToString()], allowFailure: true);
        Assert.True(exit == 0, $"playback of the recording failed (exit {exit}): {stderr}");
        using var report = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        Assert.True(report.RootElement.GetProperty("playing").GetBoolean());
        var levels = report.RootElement.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal([180, 144, 90], levels.Select(l => l.GetProperty("height").GetInt32()).OrderDescending());
        Assert.All(levels, l => Assert.True(l.GetProperty("advanced").GetDouble() >= 0.5));
    }

    [Fact]
    public void ASecondPublishMovesTheEarlierRecordingAside()
    {
        var first = new HlsRecording(_dir, "again", () => "#EXTM3U\n");
        File.WriteAllText(Path.Combine(first.Directory, "marker"), "1");
        var second = new HlsRecording(_dir, "again", () => "#EXTM3U\n");
        Assert.Equal(first.Directory, second.Directory);
        Assert.True(File.Exists(Path.Combine(_dir, "again.1", "marker")));
        Assert.False(File.Exists(Path.Combine(second.Directory, "marker")));
    }
}
