using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Livepeer.Media.Http;
using Livepeer.Media.Tests.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Media.Tests.Http;

/// <summary>
/// A media server with playback protection: every playlist and segment of a stream (HLS, DASH, recordings) needs a token
/// for that stream, 401 without and 403 with a bad or expired one; playlists fetched with a token hand it on in every URI.
/// </summary>
[Collection("pipeline")]
public sealed class PlaybackProtectionTests(PipelineFixture f) : IAsyncLifetime
{
    private static readonly byte[] Key = RandomKey();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _records = Directory.CreateTempSubdirectory("protected-recordings-").FullName;
    private PlaybackTokens _tokens = null!;
    private MediaHttpServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        // A recording as --record-dir leaves it: a master, a variant and a segment on disk.
        Directory.CreateDirectory(Path.Combine(_records, "rec", "r90"));
        await File.WriteAllTextAsync(Path.Combine(_records, "rec", "index.m3u8"), "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=150000\nr90/index.m3u8\n");
        await File.WriteAllTextAsync(Path.Combine(_records, "rec", "r90", "index.m3u8"), "#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:2.000,\n0.ts\n#EXT-X-ENDLIST\n");
        await File.WriteAllBytesAsync(Path.Combine(_records, "rec", "r90", "0.ts"), TestMedia.SmallSegments[0].Data.ToArray());
        _tokens = new PlaybackTokens(Key, _time);
        _server = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0, PlaybackTokens = _tokens }, f.Hls, f.Dash, time: _time,
            mapExtra: app => RecordingFiles.Map(app, _records));
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_records, recursive: true);
    }

    [Theory]
    [InlineData("hls/live/index.m3u8")]
    [InlineData("hls/live/h90/index.m3u8")]
    [InlineData("hls/live/h90/0.m4s")]
    [InlineData("hls/live/v90/init0.mp4")]
    [InlineData("dash/live/manifest.mpd")]
    [InlineData("dash/live/h90/init.mp4")]
    [InlineData("dash/live/h90/2.m4s")]
    [InlineData("recordings/rec/index.m3u8")]
    [InlineData("recordings/rec/r90/index.m3u8")]
    [InlineData("recordings/rec/r90/0.ts")]
    public async Task EveryPlaylistAndSegmentNeedsAValidTokenForItsStream(string path)
    {
        var stream = path.Split('/')[1];
        using (var none = await _http.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Contains("needs a token", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("*", none.Headers.GetValues("Access-Control-Allow-Origin").Single()); // a browser player can read the refusal
        }
        using (var other = await _http.GetAsync($"{path}?token={_tokens.Mint("someone-else", TimeSpan.FromHours(1))}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Contains("not valid for", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var garbage = await _http.GetAsync($"{path}?token=abc"))
            Assert.Equal(HttpStatusCode.Forbidden, garbage.StatusCode);
        var token = _tokens.Mint(stream, TimeSpan.FromMinutes(5));
        using (var ok = await _http.GetAsync($"{path}?token={token}"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.True((await ok.Content.ReadAsByteArrayAsync()).Length > 0);
        }
        using (var bearer = new HttpRequestMessage(HttpMethod.Get, path))
        {
            bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var ok = await _http.SendAsync(bearer);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.DoesNotContain("public", ok.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal); // no shared cache keeps a header-authorized answer
        }
        _time.Advance(TimeSpan.FromMinutes(5));
        using (var expired = await _http.GetAsync($"{path}?token={token}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
            Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OutsideTheStreamsNothingChanges()
    {
        using var utc = await _http.GetAsync("utc");
        Assert.Equal(HttpStatusCode.OK, utc.StatusCode);
        using var preflight = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Options, "hls/live/index.m3u8"));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Contains("Authorization", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hls/live/index.m3u8")]
    [InlineData("recordings/rec/index.m3u8")]
    public async Task AHlsPlayerFollowingTheUrisFetchesEverythingWithTheToken(string master)
    {
        var stream = master.Split('/')[1];
        var token = _tokens.Mint(stream, TimeSpan.FromMinutes(5));
        var fetched = 0;
        var root = new Uri(_server.BaseAddress, $"{master}?token={token}");
        var text = await _http.GetStringAsync(root);
        foreach (var variant in Uris(text))
        {
            Assert.EndsWith("?token=" + token, variant, StringComparison.Ordinal);
            var variantUri = new Uri(root, variant);
            var playlist = await _http.GetStringAsync(variantUri);
            var segments = Uris(playlist).ToList();
            Assert.NotEmpty(segments);
            foreach (var segment in segments)
            {
                Assert.EndsWith("?token=" + token, segment, StringComparison.Ordinal);
                using var r = await _http.GetAsync(new Uri(variantUri, segment));
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                fetched++;
            }
        }
        Assert.True(fetched > 0, "no segment fetched");
    }

    [Fact]
    public async Task TheMpdTemplatesCarryTheToken()
    {
        var token = _tokens.Mint("live", TimeSpan.FromMinutes(5));
        var mpd = System.Xml.Linq.XDocument.Parse(await _http.GetStringAsync($"dash/live/manifest.mpd?token={token}"));
        System.Xml.Linq.XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";
        var templates = mpd.Descendants(ns + "SegmentTemplate").ToList();
        Assert.NotEmpty(templates);
        foreach (var template in templates)
        {
            var id = template.Parent!.Attribute("id")!.Value;
            var init = template.Attribute("initialization")!.Value;
            var media = template.Attribute("media")!.Value;
            Assert.EndsWith("?token=" + token, init, StringComparison.Ordinal);
            Assert.EndsWith("?token=" + token, media, StringComparison.Ordinal);
            var number = template.Attribute("startNumber")!.Value;
            foreach (var uri in new[] { init, media.Replace("$Number$", number, StringComparison.Ordinal) })
            {
                using var r = await _http.GetAsync("dash/live/" + uri.Replace("$RepresentationID$", id, StringComparison.Ordinal));
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            }
        }
    }

    private static IEnumerable<string> Uris(string playlist)
    {
        foreach (var line in playlist.Split('\n'))
        {
            if (line.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal)) yield return line["#EXT-X-MAP:URI=\"".Length..^1];
            else if (line.Length > 0 && !line.StartsWith('#')) yield return line;
        }
    }

    private static byte[] RandomKey() => Encoding.ASCII.GetBytes(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
}
