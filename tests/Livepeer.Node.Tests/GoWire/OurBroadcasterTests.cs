using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Selection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Tests.GoWire;

/// <summary>
/// The project's broadcaster (OrchestratorClient over real TLS) drives go-rules orchestrators (<see cref="GoOrchestrator"/>):
/// it must pass go's discovery signature, capability, payment-layout, credit and result-signature rules, refresh on
/// "TicketParams expired", read minimal seeds, drop a session with malformed fields and retry elsewhere, pick only
/// orchestrators whose capabilities cover the ladder, and pay nothing off chain.
/// </summary>
public sealed class OurBroadcasterTests : IAsyncLifetime
{
    private readonly PrivateKey _key = PrivateKey.Generate(new Random(71).NextBytes);
    private readonly string _dir = Directory.CreateTempSubdirectory("gowire-b-").FullName;
    private readonly List<GoOrchestrator> _orchestrators = [];
    private readonly ListLogger _log = new();

    private static readonly IReadOnlyList<VideoProfile> H264Ladder = [new("low", 320, 180, 300_000, 30, 1, 2), new("tiny", 160, 90, 100_000, 15, 1, 2)];
    private static readonly IReadOnlyList<VideoProfile> Vp9Ladder = [new("vp9", 320, 180, 300_000, 30, 1, 2, VideoCodec.Vp9)];
    private static readonly IReadOnlyList<VideoProfile> Av1Ladder = [new("av1", 320, 180, 300_000, 30, 1, 2, VideoCodec.Av1)];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var o in _orchestrators) await o.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<GoOrchestrator> StartGoAsync(int[]? capabilities = null, Func<byte[]>? seed = null, bool offChain = false)
    {
        var o = await GoOrchestrator.StartAsync(PrivateKey.Generate(new Random(80 + _orchestrators.Count).NextBytes), _dir, capabilities: capabilities, seed: seed, offChain: offChain);
        _orchestrators.Add(o);
        return o;
    }

    private sealed class Candidates(List<OrchestratorCandidate> candidates) : IOrchestratorDirectory
    {
        public Task<IReadOnlyList<OrchestratorCandidate>> CandidatesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<OrchestratorCandidate>>(candidates.ToList());
    }

    private OrchestratorClient Broadcaster(List<OrchestratorCandidate> candidates, bool offChain = false)
    {
        var options = new SelectionOptions();
        var suspensions = new SuspensionList(options, TimeProvider.System);
        return new OrchestratorClient(_key, new Candidates(candidates), new OrchestratorConnection(_key), new OrchestratorSelector(options, suspensions, new Random(3)),
            suspensions, options, _log) { OffChain = offChain };
    }

    private static OrchestratorCandidate Candidate(GoOrchestrator o) => new(o.Key.Address, o.Address, UInt256.One, UInt256.Zero, UInt256.One);

    private static MediaSegment Segment(long seq) =>
        new("ours", seq, Enumerable.Range(0, 3000).Select(i => (byte)(i + seq)).ToArray(), seq * 180_000, 180_000, false, new SegmentTracks("h264", "aac", 640, 360));

    [Fact]
    public async Task OurBroadcasterBuysTranscodingFromAGoOrchestrator()
    {
        var go = await StartGoAsync();
        var network = Broadcaster([Candidate(go)]);
        for (var seq = 0; seq < 4; seq++)
        {
            var result = await network.TranscodeAsync(Segment(seq), H264Ladder);
            Assert.Equal(2, result.Renditions.Count);
            go.PricePerUnit = 1500; // go re-prices new sessions; this one keeps the price its first payment fixed
        }
        Assert.Empty(go.Refused); // discovery signature, capabilities, layout, credit ≥ EV and go's result signature all passed
        Assert.Equal(1, go.Discoveries);
        foreach (var (seg, payment, _) in go.Received)
        {
            Assert.NotNull(payment!.ExpirationParams); // go reads the creation round here
            Assert.Null(payment.TicketParams.ExpirationParams);
            Assert.True(GoRules.Within(GoRules.Bits(GoRules.AuthToken), seg.Capabilities.Bitstring));
            if (payment.TicketParams is not null) Assert.Equal(1200, payment.ExpectedPrice.PricePerUnit); // the quote, echoed (go binds tickets to it)
        }
        Assert.Equal(1200, Assert.Single(go.SessionPrices).Value);
        // The stream ends: as go's broadcaster, ours ends the session at the orchestrator with its auth token.
        network.EndStream("ours");
        await network.EndedSessions.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(go.Received.First().Seg.AuthToken.SessionId, Assert.Single(go.EndedSessions));
        Assert.Contains(_log.Lines, l => l.Contains("go-livepeer's wire only", StringComparison.Ordinal)); // the fallback is said
    }

    [Fact]
    public async Task ALadderGoesOnlyToOrchestratorsWhoseCapabilitiesCoverIt()
    {
        var plain = await StartGoAsync();
        var vp9 = await StartGoAsync([.. GoRules.Defaults, GoRules.Vp9Encode]);
        var network = Broadcaster([Candidate(plain), Candidate(vp9)]);
        for (var seq = 0; seq < 3; seq++) await network.TranscodeAsync(Segment(seq), Vp9Ladder);
        Assert.Empty(plain.Received);
        Assert.Equal(3, vp9.Received.Count);

        // No go-livepeer node encodes AV1: the segment is never sent, and the error says what was missing.
        var none = await Assert.ThrowsAsync<TranscodeException>(() => Broadcaster([Candidate(plain), Candidate(vp9)]).TranscodeAsync(Segment(9), Av1Ladder));
        Assert.Contains("Av1Encode", none.Message);
        Assert.Equal(3, vp9.Received.Count);
    }

    [Fact]
    public async Task TicketParamsExpiredFromAGoOrchestratorRefreshesTheParameters()
    {
        var go = await StartGoAsync();
        go.ExpireFirst = 1;
        var result = await Broadcaster([Candidate(go)]).TranscodeAsync(Segment(1), H264Ladder);
        Assert.Equal(2, result.Renditions.Count);
        Assert.Equal(2, go.Discoveries);
        Assert.Contains(go.Refused, r => r is (400, "TicketParams expired"));
    }

    [Fact]
    public async Task AThirtyOneByteSeedWorksAndAMalformedFieldEndsOnlyThatSession()
    {
        var shortSeed = await StartGoAsync(seed: () => [7, .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(30)]); // big.Int.Bytes() of a seed below 2^248
        Assert.Equal(2, (await Broadcaster([Candidate(shortSeed)]).TranscodeAsync(Segment(1), H264Ladder)).Renditions.Count);

        var broken = await StartGoAsync(seed: () => new byte[33]);
        var candidates = new List<OrchestratorCandidate> { Candidate(broken) };
        var network = Broadcaster(candidates);
        var e = await Assert.ThrowsAsync<TranscodeException>(() => network.TranscodeAsync(Segment(2), H264Ladder));
        Assert.Contains("malformed", e.Message);
        Assert.Contains("seed", e.Message);
        candidates.Add(Candidate(shortSeed)); // another orchestrator appears: the stream moves there, nothing sticks
        Assert.Equal(2, (await network.TranscodeAsync(Segment(3), H264Ladder)).Renditions.Count);
    }

    [Fact]
    public async Task OffChainOurBroadcasterSendsAnEmptyPayment()
    {
        var go = await StartGoAsync(offChain: true);
        Assert.Equal(2, (await Broadcaster([Candidate(go)], offChain: true).TranscodeAsync(Segment(1), H264Ladder)).Renditions.Count);
        var (_, payment, header) = Assert.Single(go.Received);
        Assert.Null(payment);
        Assert.Equal("", header);
    }

    /// <summary>Keeps log lines, to check what the node says.</summary>
    private sealed class ListLogger : ILogger<OrchestratorClient>
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => Lines.Enqueue(formatter(state, exception));
    }
}
