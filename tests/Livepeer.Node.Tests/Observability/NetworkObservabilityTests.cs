using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Livepeer.Core;
using Livepeer.Media.Ingest;
using Livepeer.Media.Segmenting;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;
using Livepeer.Node.Tests.Network;
using Livepeer.Node.Tests.Transcoders;
using Livepeer.Node.Transcoder;

namespace Livepeer.Node.Tests.Observability;

/// <summary>
/// The ledger, an orchestrator with a remote transcoder, and a broadcaster in one process: each serves /metrics from its own registry in valid
/// Prometheus text, its counters move while a stream runs, and /status tells the same story.
/// </summary>
public sealed class NetworkObservabilityTests
{
    private const int SegmentCount = 3;

    [Fact]
    public async Task MetricsAndStatusMoveWhileAStreamRuns()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 1, seed: 91);
        // Every ticket wins (expected value = face value), so redemption counters move with a few segments.
        var face = (UInt256)1_000_000_000_000_000UL;
        var payments = new PaymentOptions { RedemptionCost = face / (UInt256)100UL, TicketExpectedValue = face, ParamsValidityBlocks = 100_000 };
        var pool = new TranscoderPool(new TranscoderPoolOptions { Secret = "s3cret" }, null, TimeProvider.System);
        var orchestrator = await network.StartOrchestratorAsync(network.Accounts[0], 500, pool, payments: payments);
        await using var transcoder = new TranscoderNode(new TranscoderNodeOptions { OrchestratorUri = orchestrator.ServiceUri, Secret = "s3cret", Capacity = 2 },
            new EchoSegmentTranscoder(), TimeProvider.System, new Random(1)).Start();
        await PoolHarness.Until(() => pool.Transcoders == 1 && transcoder.Connected, "the remote transcoder registers");
        await network.FundBroadcasterAsync();
        await network.NextRoundAsync();
        // Every ticket winning is far beyond go-livepeer's default limits: this broadcaster agrees to it.
        var broadcaster = await network.StartBroadcasterAsync(limits: new PaymentLimits { MaxTicketEV = face, MaxTotalEV = face * (UInt256)100UL });
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });

        var ledgerBefore = await ScrapeAsync(http, network.Ledger.RpcUri);
        var orchBefore = await ScrapeAsync(http, orchestrator.ServiceUri);
        var bcastBefore = await ScrapeAsync(http, broadcaster.HttpAddress);
        Assert.True(bcastBefore.Has("livepeer_broadcaster_round_trip_seconds", "histogram"));
        Assert.True(orchBefore.Has("livepeer_orchestrator_transcode_seconds", "histogram"));

        // A stream as RTMP ingest hands it over: real 2 s MPEG-TS segments into the broadcaster's segment sink.
        var ts = await TinySegmentAsync();
        IMediaSegmentSink sink = broadcaster;
        await sink.StreamStartedAsync(new LiveStreamInfo("obs", "live", DateTimeOffset.UtcNow), CancellationToken.None);
        for (var seq = 0; seq < SegmentCount - 1; seq++)
            await sink.SegmentReadyAsync(new MediaSegment("obs", seq, ts, seq * 180_000L, 180_000, false, new SegmentTracks("h264", "aac", 160, 90)), CancellationToken.None);
        await sink.StreamEndedAsync(new LiveStreamInfo("obs", "live", DateTimeOffset.UtcNow), null, CancellationToken.None);
        // And one segment by HTTP push: it counts the same as RTMP ingest.
        using (var put = new HttpRequestMessage(HttpMethod.Put, new Uri(broadcaster.HttpAddress, "/live/pushed/0.ts")) { Content = new ByteArrayContent(ts) })
        {
            put.Headers.Add("Content-Duration", "2000");
            using var pushed = await http.SendAsync(put);
            Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        }
        // A malformed segment request is refused and counted by reason.
        using (var bad = await http.PostAsync(new Uri(orchestrator.ServiceUri, "/segment"), new ByteArrayContent([1, 2, 3])))
            Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode); // go-livepeer's code for segment credentials it cannot read
        var redeemed = await orchestrator.Redeemer.RedeemPendingAsync(CancellationToken.None);
        if (redeemed == 0) Assert.Fail($"nothing redeemed; queue: {string.Join(", ", orchestrator.Queue.All().Select(t => $"{t.Status} {t.LastError}"))}; orchestrator {orchestrator.Core.Segments} segments, broadcaster {broadcaster.Network!.TicketsSent} tickets, {string.Join(", ", broadcaster.Network.Stats.Select(s => $"{s.Key}: {s.Value.Segments} ok, {string.Join(" ", s.Value.FailuresByReason)}"))}");

        var bcast = await ScrapeAsync(http, broadcaster.HttpAddress);
        Assert.Equal(SegmentCount, Delta(bcast, bcastBefore, "livepeer_broadcaster_segments_received_total"));
        Assert.Equal(SegmentCount, Delta(bcast, bcastBefore, "livepeer_broadcaster_segments_transcoded_total"));
        Assert.Equal(SegmentCount * LocalNetwork.TinyLadder.Count, Delta(bcast, bcastBefore, "livepeer_broadcaster_renditions_published_total"));
        Assert.Equal(SegmentCount, Delta(bcast, bcastBefore, "livepeer_broadcaster_round_trip_seconds_count"));
        Assert.True(Delta(bcast, bcastBefore, "livepeer_broadcaster_tickets_sent_total") > 0); // one ticket covers many tiny segments
        Assert.True(Delta(bcast, bcastBefore, "livepeer_broadcaster_fees_wei_total") > 0);
        Assert.True(bcast.Value("livepeer_chain_round") >= 1);

        var orch = await ScrapeAsync(http, orchestrator.ServiceUri);
        Assert.Equal(SegmentCount + 1, Delta(orch, orchBefore, "livepeer_orchestrator_segments_received_total"));
        Assert.Equal(SegmentCount, Delta(orch, orchBefore, "livepeer_orchestrator_segments_transcoded_total"));
        Assert.Equal(SegmentCount, Delta(orch, orchBefore, "livepeer_orchestrator_transcode_seconds_count"));
        Assert.Equal(1, orch.Value("livepeer_orchestrator_segment_failures_total", ("reason", "forbidden")));
        var received = Delta(orch, orchBefore, "livepeer_orchestrator_tickets_received_total");
        Assert.Equal(Delta(bcast, bcastBefore, "livepeer_broadcaster_tickets_sent_total"), received);
        Assert.Equal(received, Delta(orch, orchBefore, "livepeer_orchestrator_tickets_won_total"));
        Assert.Equal(received, Delta(orch, orchBefore, "livepeer_orchestrator_tickets_redeemed_total"));
        Assert.Equal(received * (double)(System.Numerics.BigInteger)face, Delta(orch, orchBefore, "livepeer_orchestrator_fees_redeemed_wei_total"));
        Assert.Equal(received, orch.Value("livepeer_orchestrator_redemption_queue", ("status", "redeemed")));
        Assert.Equal(500e18, orch.Value("livepeer_orchestrator_stake_wei"));
        Assert.True(orch.Value("livepeer_chain_block_height") > 0);

        var ledger = await ScrapeAsync(http, network.Ledger.RpcUri);
        Assert.True(Delta(ledger, ledgerBefore, "livepeer_ledger_transactions_admitted_total") >= received); // one redemption per winning ticket
        Assert.True(Delta(ledger, ledgerBefore, "livepeer_ledger_blocks_sealed_total") > 0);
        Assert.True(ledger.Value("livepeer_chain_block_height") > ledgerBefore.Value("livepeer_chain_block_height"));

        // Failures are counted by reason: an orchestrator that does not answer, then no orchestrator left for the segment.
        var failing = new BroadcasterMetrics();
        var unreachable = network.Transcoder([new OrchestratorCandidate(network.Accounts[0].Address, new Uri("https://127.0.0.1:1"), UInt256.One, UInt256.Zero, UInt256.One)], metrics: failing);
        await Assert.ThrowsAsync<Livepeer.Media.Transcoding.TranscodeException>(() => unreachable.TranscodeAsync(OrchestratorCapacityTests.Segment("gone", 0), LocalNetwork.TinyLadder));
        var failures = PrometheusText.Parse(await ExportAsync(failing));
        Assert.Equal(1, failures.Value("livepeer_broadcaster_segment_failures_total", ("reason", "unreachable")));
        Assert.Equal(1, failures.Value("livepeer_broadcaster_segments_not_transcoded_total"));
        Assert.Equal(0, failures.Value("livepeer_broadcaster_segments_transcoded_total"));

        // /status of each node.
        var orchStatus = await StatusAsync(http, orchestrator.ServiceUri);
        Assert.Equal("orchestrator", (string?)orchStatus["role"]);
        Assert.Equal(orchestrator.Core.Address.ToString(), (string?)orchStatus["address"]);
        Assert.Equal(orchestrator.ServiceUri.ToString(), (string?)orchStatus["serviceUri"]);
        Assert.Equal(SegmentCount, (long)orchStatus["segments"]!["transcoded"]!);
        Assert.Equal((long)received, (long)orchStatus["tickets"]!["won"]!);
        Assert.Equal((long)received, (long)orchStatus["redemptions"]!["redeemed"]!);
        Assert.Equal(0, (long)orchStatus["redemptions"]!["pending"]!);
        Assert.Equal(orchestrator.Core.PricePerUnit.ToString(), (string?)orchStatus["price"]!["pricePerUnit"]);
        Assert.True((long)orchStatus["chain"]!["round"]! >= 1);
        Assert.Equal(10, (int)orchStatus["capacity"]!);
        Assert.Equal(1, (int)orchStatus["transcoders"]!["count"]!);
        var remote = Assert.Single(orchStatus["transcoders"]!["connected"]!.AsArray());
        Assert.Equal(2, (int)remote!["capacity"]!);
        Assert.Equal(0, (int)remote["load"]!);
        Assert.Equal(1, orch.Value("livepeer_orchestrator_remote_transcoders"));
        Assert.Equal(2, orch.Value("livepeer_orchestrator_remote_transcoder_capacity"));
        Assert.Equal(SegmentCount, transcoder.Completed);

        var bcastStatus = await StatusAsync(http, broadcaster.HttpAddress);
        var apiStatus = JsonNode.Parse(await http.GetStringAsync(new Uri(broadcaster.HttpAddress, "/api/status")))!.AsObject();
        Assert.Equal(apiStatus.Select(p => p.Key).Order(), bcastStatus.Select(p => p.Key).Order());
        Assert.Equal(SegmentCount, (long)bcastStatus["segmentsIn"]!);

        var ledgerStatus = await StatusAsync(http, network.Ledger.RpcUri);
        Assert.Equal(1337UL, (ulong)ledgerStatus["chainId"]!);
        Assert.True((long)ledgerStatus["blockHeight"]! > 0);
        Assert.Equal(network.Ledger.DataDirectory, (string?)ledgerStatus["dataDir"]);
        Assert.StartsWith("0x", (string?)ledgerStatus["stateHash"]);
        Assert.NotNull(ledgerStatus["mempoolSize"]);
    }

    private static double Delta(PrometheusText after, PrometheusText before, string name) => after.Value(name) - before.Value(name);

    internal static async Task<PrometheusText> ScrapeAsync(HttpClient http, Uri node)
    {
        using var response = await http.GetAsync(new Uri(node, "/metrics"));
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ExportAsync(BroadcasterMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static async Task<JsonObject> StatusAsync(HttpClient http, Uri node) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri(node, "/status")))!.AsObject();

    /// <summary>A 2 s 160x90 H.264 + AAC MPEG-TS segment from ffmpeg's test sources.</summary>
    private static async Task<byte[]> TinySegmentAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"obs-{Guid.NewGuid():N}.ts");
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=15", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "2",
             "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac", "-f", "mpegts", path]) { RedirectStandardError = true })!;
        var errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, errors);
        try { return await File.ReadAllBytesAsync(path); }
        finally { File.Delete(path); }
    }
}
