using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Livepeer.Cli.Tests.Commands;

/// <summary>
/// --playback-secret-file on `livepeer media` and `livepeer broadcaster` (also from --config), and `livepeer playback-token`:
/// a pushed stream plays only with a token the command minted for it.
/// </summary>
public sealed class PlaybackTokenCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("playback-token-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("media")]
    [InlineData("broadcaster")]
    public void HelpListsTheOption(string command)
    {
        var help = CliProcess.Run(new Dictionary<string, string?>(), command, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--playback-secret-file", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortOrMissingKeyIsAUsageError()
    {
        var shortKey = Path.Combine(_dir, "short.key");
        File.WriteAllText(shortKey, "too short\n");
        var mint = CliProcess.Run(new Dictionary<string, string?>(), "playback-token", "--secret-file", shortKey, "--stream", "s");
        Assert.Equal(2, mint.ExitCode);
        Assert.Contains("at least 32", mint.Stderr, StringComparison.Ordinal);
        var media = CliProcess.Run(new Dictionary<string, string?>(), "media", "--playback-secret-file", shortKey);
        Assert.Equal(2, media.ExitCode);
        Assert.Contains("--playback-secret-file", media.Stderr, StringComparison.Ordinal);
        var missing = CliProcess.Run(new Dictionary<string, string?>(), "media", "--playback-secret-file", Path.Combine(_dir, "nope.key"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cannot read", missing.Stderr, StringComparison.Ordinal);
        var ttl = CliProcess.Run(new Dictionary<string, string?>(), "playback-token", "--secret-file", WriteKey(), "--stream", "s", "--ttl", "soon");
        Assert.Equal(2, ttl.ExitCode);
        Assert.Contains("--ttl", ttl.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APushedStreamPlaysOnlyWithAMintedToken()
    {
        var key = WriteKey();
        var config = Path.Combine(_dir, "media.yaml");
        File.WriteAllText(config, $"playback-secret-file: {key}\nprofiles: P144p30fps16x9\n");
        var segment = Path.Combine(_dir, "0.ts");
        Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "2",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mpegts", segment);

        using var process = CliProcess.Start("media", "--config", config, "--rtmp-port", "0", "--http-port", "0");
        try
        {
            var banner = await CliProcess.ReadUntilAsync(process, @"play http://127\.0\.0\.1:(\d+)/hls/");
            await CliProcess.ReadUntilAsync(process, @"playback is protected: playback URLs need \?token=TOKEN; mint one with livepeer playback-token");
            var origin = new Uri($"http://127.0.0.1:{banner.Groups[1].Value}/");
            using var http = new HttpClient { BaseAddress = origin, Timeout = TimeSpan.FromSeconds(120) };
            using (var push = await http.PutAsync("live/show/0.ts", new ByteArrayContent(await File.ReadAllBytesAsync(segment))))
                Assert.Equal(HttpStatusCode.OK, push.StatusCode);
            using (var status = await http.GetAsync("api/status")) Assert.Equal(HttpStatusCode.OK, status.StatusCode); // unprotected

            using (var none = await http.GetAsync("hls/show/index.m3u8")) Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            var other = Mint(key, "someone-else", origin);
            using (var wrong = await http.GetAsync($"hls/show/index.m3u8?token={other.GetProperty("token").GetString()}")) Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);

            var minted = Mint(key, "show", origin);
            var token = minted.GetProperty("token").GetString()!;
            Assert.True(minted.GetProperty("expires").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeSeconds() is > 3500 and <= 3600);
            var master = new Uri(minted.GetProperty("hls").GetString()!);
            Assert.Equal(new Uri(origin, $"hls/show/index.m3u8?token={token}"), master);
            var variants = Lines(await http.GetStringAsync(master));
            Assert.NotEmpty(variants);
            foreach (var variant in variants)
            {
                Assert.EndsWith("?token=" + token, variant, StringComparison.Ordinal);
                var variantUri = new Uri(master, variant);
                var segments = Lines(await http.GetStringAsync(variantUri));
                Assert.NotEmpty(segments);
                using var media = await http.GetAsync(new Uri(variantUri, segments[0]));
                Assert.Equal(HttpStatusCode.OK, media.StatusCode);
                using var bare = await http.GetAsync(new Uri(variantUri, segments[0].Split('?')[0]));
                Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private JsonElement Mint(string key, string stream, Uri origin)
    {
        var result = CliProcess.Run(new Dictionary<string, string?>(), "playback-token", "--secret-file", key, "--stream", stream, "--ttl", "1h", "--base-url", origin.ToString(), "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    private static List<string> Lines(string playlist) =>
        playlist.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Concat(
            playlist.Split('\n').Where(l => l.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal)).Select(l => l["#EXT-X-MAP:URI=\"".Length..^1])).ToList();

    private string WriteKey()
    {
        var path = Path.Combine(_dir, "playback.key");
        File.WriteAllText(path, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n");
        return path;
    }

    private static void Ffmpeg(params string[] args)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-y" }.Concat(args)) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }
}
