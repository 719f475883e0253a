using System.Net;
using BenchmarkDotNet.Attributes;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Payments;
using Livepeer.Node.Transcoder;
using Livepeer.Wire.Auth;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Transcoders.Bench;

/// <summary>
/// What a remote transcoder adds to a segment beyond the transcode itself, on loopback TLS: NotifySegment on the stream,
/// source download, multipart result upload with pixel counts. The transcode is instant (copies the source per profile).
/// </summary>
[MemoryDiagnoser]
public class RemoteRoundTripBenchmarks
{
    private static readonly Proto.VideoProfile[] Ladder =
    [
        new() { Name = "P720p30fps16x9", Width = 1280, Height = 720, Bitrate = 4_000_000, Fps = 30 },
        new() { Name = "P360p30fps16x9", Width = 640, Height = 360, Bitrate = 1_200_000, Fps = 30 },
        new() { Name = "P240p30fps16x9", Width = 426, Height = 240, Bitrate = 600_000, Fps = 30 },
    ];

    private sealed class CopyTranscoder : IOrchestratorTranscoder
    {
        public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<TranscodedRendition>>(job.Profiles.Select(p => new TranscodedRendition(p.Name, job.Data, (long)p.Width * p.Height * 60, "video/mp2t")).ToList());
    }

    private string _dir = null!;
    private TranscoderPool _pool = null!;
    private OrchestratorServer _server = null!;
    private TranscoderNode _node = null!;
    private SegmentJob _job = null!;
    private long _seq;

    /// <summary>Source segment size: about 2 s of 360p and of 1080p video.</summary>
    [Params(256 * 1024, 2 * 1024 * 1024)]
    public int SegmentBytes { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _dir = Directory.CreateTempSubdirectory("bench-pool-").FullName;
        var key = PrivateKey.Generate(new Random(1).NextBytes);
        var chain = new IdleChain();
        var payments = new PaymentOptions();
        var issuer = new TicketParamsIssuer(key.Address, new byte[32], payments);
        var receiver = new PaymentReceiver(issuer, chain, new NoQueue(), payments);
        var auth = new AuthTokenIssuer(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), TimeProvider.System);
        var options = new OrchestratorServingOptions { ServiceUri = new Uri("https://127.0.0.1:1") };
        _pool = new TranscoderPool(new TranscoderPoolOptions { Secret = "bench" }, null, TimeProvider.System);
        var core = new OrchestratorCore(key, options, issuer, receiver, chain, auth, _pool, TimeProvider.System);
        var cert = SelfSignedCertificate.LoadOrCreate(Path.Combine(_dir, "tls.pfx"), TimeProvider.System);
        _server = await OrchestratorServer.StartAsync(core, key, new IPEndPoint(IPAddress.Loopback, 0), cert, 16 * 1024 * 1024, transcoders: _pool);
        _node = new TranscoderNode(new TranscoderNodeOptions { OrchestratorUri = _server.Address, Secret = "bench", Capacity = 4 }, new CopyTranscoder(), TimeProvider.System, new Random(2)).Start();
        while (_pool.Transcoders == 0) await Task.Delay(10);
        _job = new SegmentJob("bench", 0, new byte[SegmentBytes], TimeSpan.FromSeconds(2), Ladder);
    }

    [Benchmark]
    public async Task<int> SegmentThroughRemoteTranscoder() =>
        (await _pool.TranscodeAsync(_job with { Seq = ++_seq }, CancellationToken.None)).Count;

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _node.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class NoQueue : IRedemptionQueue
    {
        public ValueTask<Livepeer.Core.UInt256?> CreditAsync(CreditedTickets tickets, CancellationToken ct) => ValueTask.FromResult<Livepeer.Core.UInt256?>(null);
        public void ForgetExpired(long blockNumber) { }
    }
}
