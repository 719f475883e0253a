using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Control;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;
using Livepeer.Node.Tests.Payments;
using Livepeer.Wire.Auth;
using Microsoft.Extensions.Time.Testing;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.Control;

/// <summary>
/// The control port over real HTTP: the orchestrator's price (also per broadcaster) and max sessions change what the next
/// GetOrchestrator answers; the broadcaster's ladder changes mid-stream (the next segments get the new renditions, the
/// stream keeps going) and its price cap; bad requests are 400 with the reason; a non-loopback bind is refused.
/// </summary>
public sealed class RuntimeControlTests
{
    private static readonly PrivateKey OrchestratorKey = PrivateKey.Generate(new Random(301).NextBytes);
    private static readonly PrivateKey Alice = PrivateKey.Generate(new Random(302).NextBytes);
    private static readonly PrivateKey Bob = PrivateKey.Generate(new Random(303).NextBytes);

    private sealed class NoTranscoder : IOrchestratorTranscoder
    {
        public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct) => throw new InvalidOperationException("not used");
    }

    private static OrchestratorCore Core()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var payments = new PaymentOptions();
        var chain = new FakeTicketChain();
        var issuer = new TicketParamsIssuer(OrchestratorKey.Address, new byte[32], payments);
        var receiver = new PaymentReceiver(issuer, chain, new ListQueue(), payments, time);
        var auth = new AuthTokenIssuer(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), time);
        return new OrchestratorCore(OrchestratorKey, new OrchestratorServingOptions { MaxSessions = 4, ServiceUri = new Uri("https://127.0.0.1:1") },
            issuer, receiver, chain, auth, new NoTranscoder(), time);
    }

    private static Task<Proto.OrchestratorInfo> DiscoverAsync(OrchestratorCore core, PrivateKey signer) =>
        core.GetOrchestratorAsync(new Proto.OrchestratorRequest { Address = ByteString.CopyFrom(signer.Address.Bytes), Sig = ByteString.CopyFrom(DiscoverySignature.Sign(signer)) }, CancellationToken.None);

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient http, string path, string json)
    {
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)!);
    }

    [Fact]
    public async Task TheOrchestratorsPriceAndMaxSessionsChangeWithoutARestart()
    {
        var core = Core();
        await using var control = await ControlServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), app => OrchestratorControl.Map(app, core));
        using var http = new HttpClient { BaseAddress = control.Address };

        var before = await DiscoverAsync(core, Alice);
        Assert.Equal((1200, 1), (before.PriceInfo.PricePerUnit, before.PriceInfo.PixelsPerUnit));

        // 1 wei per 1000 pixels for everyone, and Bob streams for free (go's -pricePerBroadcaster / setPriceForBroadcaster).
        var (status, body) = await PostAsync(http, "control/price", """{"pricePerUnit":"0.5","pixelsPerUnit":"500"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1000", body["price"]!["pixelsPerUnit"]!.GetValue<string>());
        (status, _) = await PostAsync(http, "control/price", $$"""{"pricePerUnit":0,"broadcaster":"{{Bob.Address}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var alice = await DiscoverAsync(core, Alice);
        Assert.Equal((1, 1000), (alice.PriceInfo.PricePerUnit, alice.PriceInfo.PixelsPerUnit));
        Assert.Equal(0, (await DiscoverAsync(core, Bob)).PriceInfo.PricePerUnit);
        (status, _) = await PostAsync(http, "control/price", $$"""{"broadcaster":"{{Bob.Address}}","clear":true}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (await DiscoverAsync(core, Bob)).PriceInfo.PricePerUnit);

        // Max sessions: 1, then the orchestrator is at capacity once one session holds its slot.
        (status, body) = await PostAsync(http, "control/max-sessions", """{"maxSessions":1}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body["maxSessions"]!.GetValue<int>());
        Assert.Equal(1, core.Sessions.Capacity);
        Assert.Equal(SessionAdmission.Admitted, core.Sessions.TryOpen("s1", Alice.Address, paid: true));
        await Assert.ThrowsAsync<OrchestratorRefusal>(() => DiscoverAsync(core, Bob));
        var sessions = JsonNode.Parse(await http.GetStringAsync("control/sessions"))!;
        Assert.Equal("s1", sessions["sessions"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(Alice.Address.ToString(), sessions["sessions"]![0]!["broadcaster"]!.GetValue<string>());

        // Bad requests: 400 with the reason, nothing changed.
        foreach (var (path, json, reason) in new[]
        {
            ("control/price", """{"pricePerUnit":"cheap"}""", "cheap"),
            ("control/price", """{"pricePerUnit":1,"pixelsPerUnit":0}""", "pixels per unit"),
            ("control/price", """{"pricePerUnit":1,"broadcaster":"0x12"}""", "not an address"),
            ("control/max-sessions", """{"maxSessions":0}""", "at least 1"),
            ("control/max-sessions", "not json", "not JSON"),
        })
        {
            (status, body) = await PostAsync(http, path, json);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(reason, body["error"]!.GetValue<string>());
        }
        Assert.Equal(PixelPrice.Of(1, 1000), core.Prices.Default);
        Assert.Equal(1, core.Sessions.Capacity);
    }

    [Fact]
    public async Task TheControlPortRefusesToListenBeyondLoopbackUnlessAllowed()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => ControlServer.StartAsync(new IPEndPoint(IPAddress.Any, 0), _ => { }));
        Assert.Contains("no authentication", e.Message);
        await using var allowed = await ControlServer.StartAsync(new IPEndPoint(IPAddress.Any, 0), _ => { }, allowRemote: true);
    }

    private static async Task<byte[]> TwoSecondSegmentAsync()
    {
        var dir = Directory.CreateTempSubdirectory("control-").FullName;
        try
        {
            var path = Path.Combine(dir, "seg.ts");
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=192x108:rate=15", "-f", "lavfi", "-i", "sine", "-t", "2",
                 "-c:v", "libx264", "-preset", "ultrafast", "-g", "15", "-c:a", "aac", "-f", "mpegts", path]))!;
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);
            return await File.ReadAllBytesAsync(path);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static int Segments(string playlist) => playlist.Split('\n').Count(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal));

    [Fact]
    public async Task ANewLadderAppliesToTheRunningStreamsNextSegmentsAndTheStreamContinues()
    {
        VideoProfile[] ladder = [new("tiny", 96, 54, 100_000, 15, 1, 2)];
        var selection = new SelectionOptions();
        await using var node = await BroadcasterNode.StartLocalAsync(new FfmpegTranscoder(), new BroadcasterNodeOptions { RtmpPort = 0, HttpPort = 0, Profiles = ladder }, TimeProvider.System);
        await using var control = await ControlServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), app => BroadcasterControl.Map(app, node, selection));
        using var media = new HttpClient { BaseAddress = node.HttpAddress, Timeout = TimeSpan.FromSeconds(90) };
        using var http = new HttpClient { BaseAddress = control.Address };
        var segment = await TwoSecondSegmentAsync();

        Assert.True((await media.PostAsync("live/show/0.ts", new ByteArrayContent(segment))).IsSuccessStatusCode);
        Assert.Equal(1, Segments(await media.GetStringAsync("hls/show/tiny/index.m3u8")));

        var (status, body) = await PostAsync(http, "control/ladder", """{"profiles":[{"name":"small","width":128,"height":72,"bitrate":120000,"fps":15}]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("small", body["ladder"]![0]!.GetValue<string>());
        Assert.Equal("small", body["streams"]![0]!["ladder"]![0]!.GetValue<string>());
        Assert.Empty(body["kept"]!.AsObject());

        for (var seq = 1; seq <= 2; seq++)
            Assert.True((await media.PostAsync($"live/show/{seq}.ts", new ByteArrayContent(segment))).IsSuccessStatusCode);
        // The next segments are in the new rendition; the old one stopped growing; the source never stopped.
        Assert.Equal(2, Segments(await media.GetStringAsync("hls/show/small/index.m3u8")));
        Assert.Equal(1, Segments(await media.GetStringAsync("hls/show/tiny/index.m3u8")));
        var source = await media.GetStringAsync("hls/show/source/index.m3u8");
        Assert.Equal(3, Segments(source));
        Assert.DoesNotContain("#EXT-X-ENDLIST", source);
        Assert.Contains("small/index.m3u8", await media.GetStringAsync("hls/show/index.m3u8"));

        // A bad ladder is refused with the reason and changes nothing; the price cap is set and cleared.
        (status, body) = await PostAsync(http, "control/ladder", """{"profiles":"P9000p"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("P9000p", body["error"]!.GetValue<string>());
        Assert.Equal("small", node.Ladder[0].Name);
        (status, body) = await PostAsync(http, "control/max-price", """{"pricePerUnit":"1","pixelsPerUnit":"1000"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(PixelPrice.Of(1, 1000), selection.MaxPrice);
        (status, _) = await PostAsync(http, "control/max-price", """{"pricePerUnit":null}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(selection.MaxPrice);
    }
}
