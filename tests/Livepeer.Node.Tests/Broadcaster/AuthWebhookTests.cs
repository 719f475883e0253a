using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Tests.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Tests.Broadcaster;

/// <summary>
/// --auth-webhook-url with go-livepeer's contract: the ingest URL is POSTed; non-2xx refuses; the answer names the playback
/// id (so the key published with stays secret) and the ladder; an unusable answer refuses with the reason.
/// </summary>
public sealed class AuthWebhookTests
{
    [Fact]
    public void AnEmptyAnswerAllowsAndAFullOneNamesThePlaybackIdAndLadder()
    {
        var full = AuthWebhook.Parse("""{"manifestID":"public-id","streamKey":"ignored","presets":["P144p30fps16x9"],"profiles":[{"name":"mine","width":320,"height":180,"bitrate":300000,"fps":30}],"objectStore":""}""");
        Assert.Null(full.Refusal);
        Assert.Equal("public-id", full.StreamName);
        Assert.Equal(["P144p30fps16x9", "mine"], full.Profiles!.Select(p => p.Name));
        var bare = AuthWebhook.Parse("{}");
        Assert.Null(bare.StreamName);
        Assert.Null(bare.Profiles);
    }

    [Theory]
    [InlineData("{not json", "not JSON")]
    [InlineData("[1]", "JSON object")]
    [InlineData("""{"manifestID":7}""", "\"manifestID\" must be a string")]
    [InlineData("""{"manifestID":"../etc"}""", "\"manifestID\"")]
    [InlineData("""{"presets":["P9000p"]}""", "P9000p")]
    [InlineData("""{"profiles":{"name":"x"}}""", "\"profiles\" must be an array")]
    [InlineData("""{"profiles":[{"name":"x","width":-5,"height":10,"bitrate":1}]}""", "x")]
    public void AnUnusableAnswerIsAClearError(string body, string expected) =>
        Assert.Contains(expected, Assert.Throws<AuthWebhookAnswerException>(() => AuthWebhook.Parse(body)).Message);

    [Fact]
    public async Task ASecretKeyPublishesAPublicIdPlaysAndOthersAreRefused()
    {
        var posted = new ConcurrentQueue<string>();
        await using var webhook = await StartWebhookAsync(posted);
        VideoProfile[] ladder = [new("low", 320, 180, 300_000, 30, 1, 2)];
        await using var server = await BroadcasterNode.StartLocalAsync(new FfmpegTranscoder(), new BroadcasterNodeOptions
        {
            RtmpPort = 0, HttpPort = 0, Profiles = ladder, AuthWebhookUrl = new Uri(webhook.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/auth"),
        }, TimeProvider.System);
        using var http = new HttpClient { BaseAddress = server.HttpAddress };

        // Refused publishers: the webhook says 403, or answers something unusable. ffmpeg fails; nothing plays.
        foreach (var key in new[] { "intruder", "garbled" })
        {
            using var refused = LocalNetwork.Publish(server.RtmpPort, key, seconds: 3);
            await refused.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"hls/{key}/index.m3u8")).StatusCode);
        }

        // The secret key publishes; the stream plays under the public id with the ladder the webhook named.
        using (var publish = LocalNetwork.Publish(server.RtmpPort, "s3cret-key", seconds: 5))
        {
            await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(publish.ExitCode == 0, await publish.StandardError.ReadToEndAsync());
        }
        var rendition = "";
        for (var i = 0; i < 240 && !rendition.Contains("#EXT-X-ENDLIST"); i++)
        {
            var r = await http.GetAsync("hls/public-id/P144p30fps16x9/index.m3u8");
            rendition = r.IsSuccessStatusCode ? await r.Content.ReadAsStringAsync() : "";
            await Task.Delay(250);
        }
        Assert.Contains("#EXTINF", rendition);
        var master = await http.GetStringAsync("hls/public-id/index.m3u8");
        Assert.Contains("RESOLUTION=256x144", master);
        Assert.DoesNotContain("RESOLUTION=320x180", master);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("hls/s3cret-key/index.m3u8")).StatusCode);
        Assert.Contains($"rtmp://127.0.0.1:{server.RtmpPort}/live/s3cret-key", posted);
        Assert.Contains($"rtmp://127.0.0.1:{server.RtmpPort}/live/intruder", posted);

        // HTTP push goes through the same webhook: refused with 403 and the reason, before the segment is even read.
        using var push = await http.PutAsync("live/intruder/0.ts", new ByteArrayContent(new byte[4096]));
        Assert.Equal(HttpStatusCode.Forbidden, push.StatusCode);
        Assert.Contains("HTTP 403", await push.Content.ReadAsStringAsync());
        Assert.Contains($"{server.HttpAddress}live/intruder/0.ts", posted);
    }

    [Fact]
    public async Task AnUnreachableWebhookRefusesWithTheReason()
    {
        using var http = new HttpClient();
        var answer = await new AuthWebhook(new Uri("http://127.0.0.1:1/auth"), http).AuthorizeAsync("rtmp://127.0.0.1/live/x", CancellationToken.None);
        Assert.Contains("unreachable", answer.Refusal);
    }

    /// <summary>A webhook as an operator would write one: a secret key is allowed under a public id, anything else is refused.</summary>
    private static async Task<WebApplication> StartWebhookAsync(ConcurrentQueue<string> posted)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/auth", async (HttpContext ctx) =>
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            var url = doc.RootElement.GetProperty("url").GetString()!;
            posted.Enqueue(url);
            if (url.EndsWith("/live/s3cret-key", StringComparison.Ordinal))
                return Results.Text("""{"manifestID":"public-id","presets":["P144p30fps16x9"]}""", "application/json");
            if (url.Contains("/live/garbled", StringComparison.Ordinal)) return Results.Text("{\"manifestID\": ", "application/json");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        });
        await app.StartAsync();
        return app;
    }
}
