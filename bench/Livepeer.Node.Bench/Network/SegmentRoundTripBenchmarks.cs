using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using Livepeer.Core;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Selection;

namespace Livepeer.Node.Bench.Network;

/// <summary>
/// Per-segment overhead beyond transcoding on loopback: with an instant transcoder, one full round trip is paying with
/// tickets, POSTing a 1 MB segment over TLS, downloading the renditions and checking the orchestrator's signature.
/// </summary>
[MedianColumn, StatisticalTestColumn, Config(typeof(Percentiles))]
public class SegmentRoundTripBenchmarks
{
    private BenchNetwork _network = null!;
    private OrchestratorClient _transcoder = null!;
    private long _seq;
    private readonly byte[] _data = new byte[1 << 20];

    /// <summary>Adds P95.</summary>
    public sealed class Percentiles : BenchmarkDotNet.Configs.ManualConfig
    {
        /// <summary>Median and P95 columns.</summary>
        public Percentiles() => AddColumn(StatisticColumn.P95);
    }

    [GlobalSetup]
    public void Setup()
    {
        new Random(3).NextBytes(_data);
        _network = BenchNetwork.StartAsync(new InstantTranscoder()).GetAwaiter().GetResult();
        var options = new SelectionOptions();
        var suspensions = new SuspensionList(options, TimeProvider.System);
        var candidate = new OrchestratorCandidate(_network.Orchestrator.Core.Address, _network.Orchestrator.ServiceUri, UInt256.One, UInt256.Zero, UInt256.One);
        _transcoder = new OrchestratorClient(_network.BroadcasterKey, new FixedDirectory(candidate), new OrchestratorConnection(_network.BroadcasterKey),
            new OrchestratorSelector(options, suspensions, new Random(1)), suspensions, options);
        Segment().GetAwaiter().GetResult(); // GetOrchestrator once, outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup() => _network.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One 2-second segment of 1 MB to two renditions (the tiny ladder).</summary>
    [Benchmark]
    public Task<TranscodeResult> Segment() =>
        _transcoder.TranscodeAsync(new MediaSegment("bench", _seq++, _data, _seq * 180_000, 180_000, false, new SegmentTracks("h264", "aac", 1280, 720)),
            [new("low", 320, 180, 300_000, 30, 1, 2), new("tiny", 160, 90, 100_000, 15, 1, 2)]);

    private sealed class FixedDirectory(OrchestratorCandidate candidate) : IOrchestratorDirectory
    {
        public Task<IReadOnlyList<OrchestratorCandidate>> CandidatesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<OrchestratorCandidate>>([candidate]);
    }
}
