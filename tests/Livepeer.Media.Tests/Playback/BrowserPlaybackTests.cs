using System.Text.Json;
using Livepeer.Media.Codecs;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Http;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Media.Tests.Playback;

/// <summary>
/// hls.js and dash.js in Debian's headless Chromium (driven by playwright-core from tests/js) play our output: they reach
/// the playing state and, for every rendition in turn, decode frames of that rendition's height while currentTime advances.
/// </summary>
public sealed class BrowserPlaybackTests(BrowserPlaybackTests.Fixture fixture) : IClassFixture<BrowserPlaybackTests.Fixture>
{
    private static readonly VideoProfile[] Ladder =
    [
        new("r144", 256, 144, 300_000, 30, 1, 2.0),
        new("r90", 160, 90, 150_000, 30, 1, 2.0),
    ];

    // VP9 and AV1 renditions (fMP4) next to the H.264 source: players must switch codecs (SourceBuffer.changeType).
    private static readonly VideoProfile[] OtherCodecs =
    [
        new("vp9", 256, 144, 300_000, 30, 1, 2.0, VideoCodec.Vp9),
        new("av1", 160, 90, 150_000, 30, 1, 2.0, VideoCodec.Av1, Preset: "12"),
    ];

    private readonly string _js = JsDirectory;
    private MediaHttpServer Server => fixture.Server;

    /// <summary>tests/js of this repository (player page, playback script, node_modules).</summary>
    public static string JsDirectory { get; } = Path.Combine(RepoRoot(), "tests", "js");

    /// <summary>Serves the player page and the hls.js / dash.js bundles from tests/js.</summary>
    internal static void MapPlayer(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
    {
        app.MapGet("/player.html", () => Results.File(Path.Combine(JsDirectory, "player.html"), "text/html"));
        app.MapGet("/test-js/hls.min.js", () => Results.File(Path.Combine(JsDirectory, "node_modules", "hls.js", "dist", "hls.min.js"), "text/javascript"));
        app.MapGet("/test-js/dash.all.min.js", () => Results.File(Path.Combine(JsDirectory, "node_modules", "dashjs", "dist", "modern", "umd", "dash.all.min.js"), "text/javascript"));
    }

    /// <summary>Produces the test streams once and serves them for every case.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public MediaHttpServer Server { get; private set; } = null!;

        /// <summary>The same streams behind playback protection.</summary>
        public MediaHttpServer ProtectedServer { get; private set; } = null!;

        /// <summary>The key of <see cref="ProtectedServer"/>'s tokens.</summary>
        public PlaybackTokens Tokens { get; } = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        public async Task InitializeAsync()
        {
            var hls = new HlsStreamStore(new HlsOptions { WindowSize = 50 });
            var dash = new DashStreamStore(new DashOptions { WindowSize = 50 });
            foreach (var (name, ladder) in new[] { ("play", Ladder), ("codecs", OtherCodecs) })
            {
                var pipeline = new LivePipeline(name, ladder, new FfmpegTranscoder(), new CmafPackager(), hls, dash);
                foreach (var seg in TestMedia.Generate("playback", 320, 180, 30, 16, 2, name))
                {
                    var r = await pipeline.AddSegmentAsync(seg with { StreamName = name });
                    Assert.Null(r.Error);
                }
                pipeline.End();
            }
            Server = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0 }, hls, dash, mapExtra: MapPlayer);
            ProtectedServer = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0, PlaybackTokens = Tokens }, hls, dash, mapExtra: MapPlayer);
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            await ProtectedServer.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("hls", "hls/play/index.m3u8")]
    [InlineData("dash", "dash/play/manifest.mpd")]
    [InlineData("hls", "hls/codecs/index.m3u8")]
    [InlineData("dash", "dash/codecs/manifest.mpd")]
    public void PlaysEveryRenditionWithLevelSwitches(string mode, string path) => Play(Server, mode, path);

    /// <summary>Behind playback protection the players are given only the playlist's URL with ?token=: the rewritten URIs carry it on.</summary>
    [Theory]
    [InlineData("hls", "hls/play/index.m3u8")]
    [InlineData("dash", "dash/play/manifest.mpd")]
    public void PlaysWithAPlaybackToken(string mode, string path) =>
        Play(fixture.ProtectedServer, mode, $"{path}?token={fixture.Tokens.Mint("play", TimeSpan.FromMinutes(10))}");

    private void Play(MediaHttpServer server, string mode, string path)
    {
        Assert.True(File.Exists(Path.Combine(_js, "node_modules", "playwright-core", "package.json")),
            "tests/js/node_modules is missing: run `npm ci` in tests/js (./test.sh does it).");
        var src = new Uri(server.BaseAddress, path);
        var page = new Uri(server.BaseAddress, $"player.html?mode={mode}&src={Uri.EscapeDataString(src.ToString())}");
        var (stdout, stderr, exit) = TestMedia.Run("node", [Path.Combine(_js, "playback.mjs"), page.ToString()], allowFailure: true);
        Assert.True(exit == 0, $"{mode} playback failed (exit {exit}): {stderr}");
        using var report = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        Assert.True(report.RootElement.GetProperty("playing").GetBoolean());
        var levels = report.RootElement.GetProperty("levels").EnumerateArray().ToList();
        // Source (180p) plus the two renditions, each actually decoded and playing.
        Assert.Equal([180, 144, 90], levels.Select(l => l.GetProperty("height").GetInt32()).OrderDescending());
        Assert.All(levels, l => Assert.True(l.GetProperty("advanced").GetDouble() >= 0.5));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Livepeer.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Livepeer.slnx) above " + AppContext.BaseDirectory);
    }
}
