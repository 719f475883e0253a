using System.Net;
using System.Net.Http.Headers;
using Livepeer.Media.Http;
using Livepeer.Media.Tests.Pipeline;
using Microsoft.AspNetCore.WebUtilities;

namespace Livepeer.Media.Tests.Http;

[Collection("pipeline")]
public sealed class MediaHttpServerTests(PipelineFixture f) : IAsyncLifetime
{
    private MediaHttpServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        // An H.264-only stream (MPEG-TS HLS variants) next to the fixture's mixed ladder (fMP4 HLS variants).
        var ts = new Livepeer.Media.Pipeline.LivePipeline("pushts", [PipelineFixture.Ladder[1]], f.Transcoder, f.Packager, f.Hls, f.Dash);
        if (f.Hls.GetOrCreate("pushts").Variants.Count == 0) await ts.AddSegmentAsync(TestMedia.SmallSegments[0] with { StreamName = "pushts" });
        var push = new PushIngest([PipelineFixture.Ladder[1], PipelineFixture.Ladder[3]], f.Transcoder, f.Packager, f.Hls, f.Dash);
        _server = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0 }, f.Hls, f.Dash, push);
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void BindsLoopback() => Assert.Equal("127.0.0.1", _server.BaseAddress.Host);

    [Theory]
    [InlineData("hls/live/index.m3u8", "application/vnd.apple.mpegurl", "no-cache")]
    [InlineData("hls/live/h90/index.m3u8", "application/vnd.apple.mpegurl", "no-cache")]
    [InlineData("hls/live/h90/0.m4s", "video/mp4", "immutable")]
    [InlineData("hls/pushts/h90/0.ts", "video/mp2t", "immutable")]
    [InlineData("hls/live/v90/init0.mp4", "video/mp4", "immutable")]
    [InlineData("hls/live/v90/1.m4s", "video/mp4", "immutable")]
    [InlineData("dash/live/manifest.mpd", "application/dash+xml", "no-cache")]
    [InlineData("dash/live/h90/init.mp4", "video/mp4", "immutable")]
    [InlineData("dash/live/h90/2.m4s", "video/mp4", "immutable")]
    [InlineData("dash/live/audio/0.m4s", "audio/mp4", "immutable")]
    [InlineData("dash/live/p90/init.webm", "video/webm", "immutable")]
    [InlineData("dash/live/p90/1.webm", "video/webm", "immutable")]
    public async Task ServesWithContentTypeCorsAndCacheControl(string path, string type, string cache)
    {
        using var r = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(type, r.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", r.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains(cache, r.Headers.CacheControl!.ToString());
        Assert.True((await r.Content.ReadAsByteArrayAsync()).Length > 0);
    }

    [Fact]
    public async Task MpdPointsUtcTimingAtTheServedUtcEndpoint()
    {
        var mpd = await _http.GetStringAsync("dash/live/manifest.mpd");
        Assert.Contains($"value=\"{_server.BaseAddress}utc\"", mpd);
        var utc = await _http.GetStringAsync("utc");
        var parsed = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((parsed - DateTimeOffset.UtcNow).TotalSeconds) < 5);
    }

    [Fact]
    public async Task RangeRequestsReturnPartialContent()
    {
        var full = await _http.GetByteArrayAsync("hls/live/h90/0.m4s");
        using var req = new HttpRequestMessage(HttpMethod.Get, "hls/live/h90/0.m4s");
        req.Headers.Range = new RangeHeaderValue(188, 375);
        using var r = await _http.SendAsync(req);
        Assert.Equal(HttpStatusCode.PartialContent, r.StatusCode);
        Assert.Equal($"bytes 188-375/{full.Length}", r.Content.Headers.ContentRange!.ToString());
        Assert.Equal(full[188..376], await r.Content.ReadAsByteArrayAsync());
        using var bad = new HttpRequestMessage(HttpMethod.Get, "hls/live/h90/0.m4s");
        bad.Headers.Range = new RangeHeaderValue(full.Length + 10, full.Length + 20);
        using var r2 = await _http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, r2.StatusCode);
    }

    [Theory]
    [InlineData("hls/nope/index.m3u8")]
    [InlineData("hls/live/nope/index.m3u8")]
    [InlineData("hls/live/h90/99.m4s")]
    [InlineData("dash/nope/manifest.mpd")]
    [InlineData("dash/live/h90/99.m4s")]
    [InlineData("dash/live/h90/x.m4s")]
    [InlineData("dash/live/nope/init.mp4")]
    public async Task UnknownThingsAre404(string path)
    {
        using var r = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("*", r.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task PreflightIsAnswered()
    {
        using var req = new HttpRequestMessage(HttpMethod.Options, "live/x/0.ts");
        req.Headers.Add("Origin", "http://example.com");
        req.Headers.Add("Access-Control-Request-Method", "PUT");
        using var r = await _http.SendAsync(req);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.Contains("PUT", r.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task PushWithMultipartAcceptReturnsOnePartPerRendition()
    {
        var seg = TestMedia.SmallSegments[0];
        using var req = new HttpRequestMessage(HttpMethod.Put, "live/pushed/0.ts") { Content = new ByteArrayContent(seg.Data.ToArray()) };
        req.Content.Headers.ContentType = new MediaTypeHeaderValue("video/mp2t");
        req.Headers.Add("Content-Duration", "1000");
        req.Headers.Accept.ParseAdd("multipart/mixed");
        using var r = await _http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("multipart/mixed", r.Content.Headers.ContentType!.MediaType);
        var boundary = r.Content.Headers.ContentType.Parameters.Single(p => p.Name == "boundary").Value!;
        var reader = new MultipartReader(boundary, await r.Content.ReadAsStreamAsync());
        var parts = new List<(string Name, string Type, byte[] Body)>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var body = new MemoryStream();
            await section.Body.CopyToAsync(body);
            var type = MediaTypeHeaderValue.Parse(section.ContentType!);
            // go-livepeer's part headers: Content-Type with name="<profile>_<seq>.<ext>", the same file name as attachment.
            Assert.Equal($"\"{section.Headers!["Rendition-Name"]}_0.{(type.MediaType == "video/webm" ? "webm" : "ts")}\"", Assert.Single(type.Parameters).Value);
            Assert.Equal($"attachment; filename={type.Parameters.Single().Value}", section.ContentDisposition);
            parts.Add((section.Headers!["Rendition-Name"].ToString(), type.MediaType!, body.ToArray()));
        }
        Assert.Equal([("h90", "video/mp2t"), ("p90", "video/webm")], parts.Select(p => (p.Name, p.Type)));
        using var probe = TestMedia.ProbeBytes(parts[0].Body, "ts", "-select_streams", "v:0", "-show_entries", "stream=width,height");
        Assert.Equal(160, probe.RootElement.GetProperty("streams")[0].GetProperty("width").GetInt32());
        // The pushed stream is now served as HLS and DASH too.
        Assert.Contains("h90/index.m3u8", await _http.GetStringAsync("hls/pushed/index.m3u8"));
        Assert.Contains("<Representation id=\"h90\"", await _http.GetStringAsync("dash/pushed/manifest.mpd"));
    }

    [Fact]
    public async Task HeadReturnsHeadersWithoutBody()
    {
        using var r = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "hls/live/h90/0.m4s"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(r.Content.Headers.ContentLength > 0);
        Assert.Empty(await r.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DeleteEndsAPushedStream()
    {
        using var put = await _http.PutAsync("live/ending/0.ts", new ByteArrayContent(TestMedia.SmallSegments[0].Data.ToArray()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var del = await _http.DeleteAsync("live/ending");
        Assert.Equal(HttpStatusCode.NoContent, del.StatusCode);
        Assert.EndsWith("#EXT-X-ENDLIST\n", await _http.GetStringAsync("hls/ending/source/index.m3u8"));
        Assert.Contains("type=\"static\"", await _http.GetStringAsync("dash/ending/manifest.mpd"));
        using var again = await _http.DeleteAsync("live/ending");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // Pushing to the name again starts a new live stream.
        using var restart = await _http.PutAsync("live/ending/0.ts", new ByteArrayContent(TestMedia.SmallSegments[0].Data.ToArray()));
        Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        Assert.DoesNotContain("ENDLIST", await _http.GetStringAsync("hls/ending/source/index.m3u8"));
    }

    [Fact]
    public async Task GoClientsPushWithPostAndMp4Segments()
    {
        using (var post = await _http.PostAsync("live/gopush/0.ts", new ByteArrayContent(TestMedia.SmallSegments[0].Data.ToArray())))
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        // The same media as MP4 (remuxed here with ffmpeg): accepted as segment 1 of the stream.
        var dir = Directory.CreateTempSubdirectory("push-mp4-test-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(dir, "in.ts"), TestMedia.SmallSegments[1].Data.ToArray());
            using (var ffmpeg = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ffmpeg",
                ["-v", "error", "-i", Path.Combine(dir, "in.ts"), "-c", "copy", "-f", "mp4", Path.Combine(dir, "out.mp4")]))!)
            {
                await ffmpeg.WaitForExitAsync();
                Assert.Equal(0, ffmpeg.ExitCode);
            }
            using var mp4 = await _http.PostAsync("live/gopush/1.mp4", new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(dir, "out.mp4"))));
            Assert.Equal(HttpStatusCode.OK, mp4.StatusCode);
        }
        finally { Directory.Delete(dir, recursive: true); }
        var playlist = await _http.GetStringAsync("hls/gopush/source/index.m3u8");
        Assert.Contains("0.ts", playlist);
        Assert.Contains("1.ts", playlist);
        using var notMp4 = await _http.PostAsync("live/gopush/2.mp4", new ByteArrayContent(new byte[500]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notMp4.StatusCode);
    }

    [Fact]
    public async Task PushWithoutMultipartIsPlainOk()
    {
        using var r = await _http.PutAsync("live/plain/0.ts", new ByteArrayContent(TestMedia.SmallSegments[0].Data.ToArray()));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("source/index.m3u8", await _http.GetStringAsync("hls/plain/index.m3u8"));
    }

    [Theory]
    [InlineData("live/bad/0.ts", "garbage", null, HttpStatusCode.UnprocessableEntity)]
    [InlineData("live/bad/zero.ts", "x", null, HttpStatusCode.UnprocessableEntity)] // go: a non-numeric name is segment 0
    [InlineData("live/bad/0.ts", "x", "soon", HttpStatusCode.UnprocessableEntity)] // go: a non-numeric duration is 2000 ms
    [InlineData("live/bad/0.m3u8", "x", null, HttpStatusCode.BadRequest)]
    [InlineData("live/bad/0.ts", "x", "-5", HttpStatusCode.BadRequest)]
    [InlineData("live/b%20d/0.ts", "x", null, HttpStatusCode.BadRequest)]
    public async Task BadPushesGetTypedErrors(string path, string body, string? duration, HttpStatusCode expected)
    {
        using var req = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(body, 100)))) };
        if (duration is not null) req.Headers.Add("Content-Duration", duration);
        using var r = await _http.SendAsync(req);
        Assert.Equal(expected, r.StatusCode);
        if (expected == HttpStatusCode.UnprocessableEntity)
            Assert.Contains("CorruptInput", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public void OptionsRefuseNonLoopbackUnlessAllowed()
    {
        Assert.Throws<ArgumentException>(() => new MediaHttpServerOptions { Address = "0.0.0.0" }.Validate());
        new MediaHttpServerOptions { Address = "0.0.0.0", AllowRemote = true }.Validate();
        Assert.Throws<ArgumentException>(() => new MediaHttpServerOptions { Address = "localhost" }.Validate());
        Assert.Throws<ArgumentException>(() => new MediaHttpServerOptions { Port = 70000 }.Validate());
    }
}
