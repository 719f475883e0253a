using System.Diagnostics;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Flv;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;
using Livepeer.Node.Tests.Network;
using Livepeer.Node.Tests.Support;
using Livepeer.Node.Transcoding;
using Livepeer.Protocol.Parameters;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Livepeer.Node.Tests.Abuse;

/// <summary>
/// Issue 16, item 8: a broadcaster node paying an orchestrator on the embedded ledger keeps serving a legitimate real-time
/// publisher, transcoded and paid for, while its RTMP port takes slowloris, half-message and same-timestamp attacks and
/// keys with nothing on the ledger try to take the orchestrator's sessions. Each attacker is cut with its reason.
/// </summary>
[Collection(SoakCollection.Name)] // samples the process's managed heap: runs alone
public sealed class PayingBroadcasterUnderAttackTests(ITestOutputHelper output) : IDisposable
{
    // Every ticket wins (expected value = face value = 3e12 wei, within the broadcaster's default 3e12 limit), so the
    // deposit spent is exactly the tickets sent; about two tickets a 2 s segment of the tiny ladder (3.9 Mpixel).
    private static readonly UInt256 FaceValue = (UInt256)3_000_000_000_000UL;
    private readonly string _dir = Directory.CreateTempSubdirectory("under-attack-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RtmpAndFreeCapacityAttacksLeaveAPublisherAndAPayingBroadcasterServed()
    {
        var total = Stopwatch.StartNew();
        await using var net = await LocalNetwork.StartAsync(accounts: 1, seed: 171);
        var orchestrator = await net.StartOrchestratorAsync(net.Accounts[0], 500, new LocalSegmentTranscoder(new FfmpegTranscoder()),
            new OrchestratorServingOptions { MaxSessions = 2, PricePerUnit = (UInt256)1_500_000UL },
            new PaymentOptions { RedemptionCost = FaceValue / (UInt256)100UL, TicketExpectedValue = FaceValue, ParamsValidityBlocks = 100_000 });
        await net.FundBroadcasterAsync(deposit: 1, reserve: 1);
        await net.NextRoundAsync();
        await orchestrator.Rewards.TickAsync(CancellationToken.None);
        using var chain = new LedgerClient(net.Ledger.RpcUri);
        var depositBefore = (await chain.GetSenderInfoAsync(net.BroadcasterKey.Address)).Deposit;

        var logs = new CollectedLogs(LogLevel.Warning);
        using var loggers = logs.Factory();
        await using var node = await BroadcasterNode.StartAsync(net.BroadcasterKey, new BroadcasterNodeOptions
        {
            ChainRpc = net.Ledger.RpcUri, RtmpPort = 0, HttpPort = 0, Profiles = LocalNetwork.TinyLadder, EndedStreamRetention = TimeSpan.FromMinutes(2),
            Verification = new ResultVerificationOptions { Enabled = false, EvidenceDirectory = Path.Combine(_dir, "evidence") },
        }, TimeProvider.System, loggers);
        var frozenTags = await FrozenSourceAsync();

        var legit = LocalNetwork.Publish(node.RtmpPort, "legit", 18);
        await UntilAsync(() => node.SegmentsIn >= 1, TimeSpan.FromSeconds(30), "the legitimate publisher's first segment");
        var heapBefore = ManagedBytesAfterGc();
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(sampling.Token);

        var attackLimit = TimeSpan.FromSeconds(40);
        var slowloris = RtmpAttacks.SlowlorisAsync(node.RtmpPort, 10, attackLimit);
        var halfMessages = RtmpAttacks.HalfMessagesAsync(node.RtmpPort, 6, 20, attackLimit);
        var sameTimestamp = RtmpAttacks.SameTimestampAsync(node.RtmpPort, "frozen", frozenTags, attackLimit);
        var freeRiders = Enumerable.Range(0, 8).Select(i => FreeRiderAsync(net, orchestrator, i)).ToList();
        var sessionsWhileAttacked = new List<(int Total, int Payer)>();
        while (!Task.WhenAll(slowloris, halfMessages, sameTimestamp, Task.WhenAll(freeRiders)).IsCompleted)
        {
            sessionsWhileAttacked.Add((orchestrator.Core.Sessions.Count, orchestrator.Core.Sessions.CountFor(net.BroadcasterKey.Address)));
            await Task.Delay(200);
        }
        var (slow, half, frozenBytes) = (await slowloris, await halfMessages, await sameTimestamp);
        var refusedFreeRiders = await Task.WhenAll(freeRiders);
        var heapAfter = ManagedBytesAfterGc(); // every attacker is gone; the legitimate stream still plays
        await legit.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        await sampling.CancelAsync();
        var peakHeap = await peak;

        // The legitimate stream: every segment published, its renditions in the playlists, to the end.
        await UntilAsync(() => node.Hls.TryGet("legit", out var s) && s.Ended && node.Outcomes.For("legit").Total == SegmentsOf(node, "legit"),
            TimeSpan.FromSeconds(90), "the legitimate stream ended with every segment accounted for");
        var outcome = node.Outcomes.For("legit");
        using var http = new HttpClient { BaseAddress = node.HttpAddress };
        Assert.True(node.Hls.TryGet("legit", out var legitHls));
        var (published, renditions) = (legitHls.NextSequence("source"), legitHls.NextSequence("low") + legitHls.NextSequence("tiny"));
        var lowPlaylist = await http.GetStringAsync("hls/legit/low/index.m3u8");

        // Payments kept flowing: every ticket sent was received, won (probability 1) and redeemed out of the deposit.
        while (await orchestrator.Redeemer.RedeemPendingAsync(CancellationToken.None) > 0) { }
        var sent = node.Network!.TicketsSent;
        var received = (long)orchestrator.Metrics.TicketsReceived.Value;
        var redeemed = orchestrator.Queue.Counts().GetValueOrDefault(RedemptionStatus.Redeemed);
        var depositAfter = (await chain.GetSenderInfoAsync(net.BroadcasterKey.Address)).Deposit;

        string Seconds(IEnumerable<TimeSpan?> cut) => string.Join(" ", cut.Select(c => c is { } t ? $"{t.TotalSeconds:0.0}" : "held"));
        output.WriteLine($"slowloris cut after [{Seconds(slow)}] s; half messages cut after [{Seconds(half)}] s; same timestamp refused after {frozenBytes} bytes");
        output.WriteLine($"free riders: {string.Join("; ", refusedFreeRiders)}");
        output.WriteLine($"legit: {published} source segments, {renditions} renditions, outcome transcoded {outcome.Transcoded} source-only " +
            string.Join(",", outcome.SourceOnly.Select(r => $"{SourceOnlyReasons.Label(r.Key)}={r.Value}")) + $"; orchestrator transcoded {orchestrator.Core.Segments}");
        output.WriteLine($"tickets sent {sent}, received {received}, redeemed {redeemed}; deposit {depositBefore} -> {depositAfter}");
        output.WriteLine($"managed heap {heapBefore / 1048576} MiB before the attacks, peak {peakHeap / 1048576} MiB during (garbage included), {heapAfter / 1048576} MiB after them; sessions seen {string.Join(",", sessionsWhileAttacked.Distinct())}; {total.Elapsed.TotalSeconds:0} s");

        // Each attacker was cut, with its reason in the log.
        Assert.All(slow, c => Assert.NotNull(c));
        Assert.Equal(slow.Length, logs.Containing("the minimum is 256 bytes/s").Count);
        Assert.All(half, c => Assert.NotNull(c));
        Assert.Equal(half.Length, logs.Containing("the limit per connection is").Count);
        Assert.NotNull(frozenBytes);
        Assert.Single(logs.Containing("timestamps must advance"));
        Assert.Equal(0, node.Hls.TryGet("frozen", out var frozen) ? frozen.NextSequenceOverall : 0); // what it sent was dropped, not published
        Assert.Equal(published, node.SegmentsIn);         // every segment the broadcaster took in is the legitimate stream's
        Assert.All(refusedFreeRiders, r => Assert.Equal("refused (payment)", r)); // the orchestrator offered them nothing to pay with
        Assert.All(sessionsWhileAttacked, s => Assert.Equal(s.Total, s.Payer)); // no session was ever held by a key that did not pay

        // The publisher was served to its end, transcoded and paid for.
        Assert.Equal(0, legit.ExitCode);
        Assert.True(published >= 7, $"{published} segments of an 18 s stream");
        Assert.Equal(published, outcome.Total);
        Assert.True(outcome.Transcoded >= published / 2, $"{outcome.Transcoded} of {published} segments transcoded");
        Assert.True(renditions >= outcome.Transcoded, $"{renditions} renditions for {outcome.Transcoded} transcoded segments"); // the ladder may be lightened under load
        Assert.EndsWith("#EXT-X-ENDLIST\n", lowPlaylist);
        Assert.NotEmpty(LocalNetwork.Segments(lowPlaylist));
        Assert.True(sent >= outcome.Transcoded, $"{sent} tickets for {outcome.Transcoded} transcoded segments");
        Assert.Equal(sent, received);
        Assert.Equal(received, redeemed);
        Assert.Equal(depositBefore.Value - FaceValue.Value * redeemed, depositAfter.Value);

        // Memory: the attackers pushed about 140 MB (six half-message connections cut at their 16 MiB budget each, a
        // same-timestamp publisher refused past its 32 MiB segment); none of it stays once they are cut.
        Assert.True(heapAfter - heapBefore < 48L << 20, $"managed heap grew {(heapAfter - heapBefore) >> 20} MiB over the attacks");
    }

    // A key with nothing on the ledger asking the orchestrator for a session and sending segments, three times a second apart.
    private static async Task<string> FreeRiderAsync(LocalNetwork net, OrchestratorNode orchestrator, int i)
    {
        var key = PrivateKey.Generate(new Random(5000 + i).NextBytes);
        var options = new SelectionOptions();
        var suspensions = new SuspensionList(options, TimeProvider.System);
        var transcoder = new OrchestratorClient(key, new OneOrchestrator(LocalNetwork.Candidate(orchestrator, ProtocolParameters.Lpt(500))),
            new OrchestratorConnection(key), new OrchestratorSelector(options, suspensions, new Random(i)), suspensions, options);
        var refusals = new List<string>();
        for (var seq = 0; seq < 3; seq++)
        {
            try
            {
                await transcoder.TranscodeAsync(OrchestratorCapacityTests.Segment($"free{i}", seq), LocalNetwork.TinyLadder);
                return $"served segment {seq}";
            }
            catch (TranscodeException)
            {
                if (orchestrator.Core.Sessions.CountFor(key.Address) > 0) return $"holds a session after segment {seq}";
                refusals.Add(string.Join(",", transcoder.Stats.Values.SelectMany(s => s.FailuresByReason.Keys).Distinct()));
            }
            await Task.Delay(1000);
        }
        return $"refused ({string.Join(" ", refusals.Distinct())})";
    }

    private sealed class OneOrchestrator(OrchestratorCandidate candidate) : IOrchestratorDirectory
    {
        public Task<IReadOnlyList<OrchestratorCandidate>> CandidatesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<OrchestratorCandidate>>([candidate]);
    }

    // 2 s of 640x360 at 3 Mb/s: about 750 KB a round, so the 32 MiB segment limit is passed within seconds.
    private async Task<List<FlvTag>> FrozenSourceAsync()
    {
        var path = Path.Combine(_dir, "frozen.flv");
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine", "-t", "2",
             "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "3M", "-g", "30", "-c:a", "aac", "-f", "flv", path]))!;
        await ffmpeg.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, ffmpeg.ExitCode);
        return [.. FlvFileReader.ReadAll(await File.ReadAllBytesAsync(path)).Where(t => t.Type != FlvTagType.ScriptData)];
    }

    private static long SegmentsOf(BroadcasterNode node, string stream) =>
        node.Hls.TryGet(stream, out var s) ? s.NextSequence("source") : -1;

    private static async Task<long> SamplePeakAsync(CancellationToken ct)
    {
        long peak = 0;
        while (!ct.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            try { await Task.Delay(50, ct); }
            catch (OperationCanceledException) { }
        }
        return peak;
    }

    private static long ManagedBytesAfterGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(100);
        }
    }
}
