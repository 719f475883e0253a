using System.Net;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Payments;
using Livepeer.Node.Tests.Payments;
using Livepeer.Node.Transcoder;
using Livepeer.Wire.Auth;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.Transcoders;

/// <summary>An orchestrator server on 127.0.0.1 with a transcoder pool, and remote transcoder nodes that work for it.</summary>
internal sealed class PoolHarness : IAsyncDisposable
{
    public const string Secret = "s3cret";
    public static readonly Proto.VideoProfile[] Ladder =
    [
        new() { Name = "P360p30fps16x9", Width = 640, Height = 360, Bitrate = 1_200_000, Fps = 30 },
        new() { Name = "P240p30fps16x9", Width = 426, Height = 240, Bitrate = 600_000, Fps = 30 },
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("pool-").FullName;
    private readonly List<TranscoderNode> _nodes = [];

    public PrivateKey OrchestratorKey { get; } = PrivateKey.Generate(new Random(41).NextBytes);
    public FakeTicketChain Chain { get; } = new();
    public TranscoderPool Pool { get; private set; } = null!;
    public OrchestratorCore Core { get; private set; } = null!;
    public OrchestratorServer Server { get; private set; } = null!;
    public OrchestratorServingOptions Options { get; } = new() { ServiceUri = new Uri("https://127.0.0.1:1") };

    public static SocketsHttpHandler Handler() => new() { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };

    public static async Task<PoolHarness> StartAsync(IOrchestratorTranscoder? local = null, TimeSpan? minTaskTimeout = null)
    {
        var harness = new PoolHarness();
        await harness.StartServerAsync(0, local, minTaskTimeout);
        return harness;
    }

    /// <summary>(Re)starts the orchestrator with a fresh pool, as a restarted process would.</summary>
    public async Task StartServerAsync(int port, IOrchestratorTranscoder? local = null, TimeSpan? minTaskTimeout = null)
    {
        Pool = new TranscoderPool(new TranscoderPoolOptions { Secret = Secret, MinTaskTimeout = minTaskTimeout ?? TimeSpan.FromSeconds(8) }, local, TimeProvider.System);
        var payments = new PaymentOptions();
        var issuer = new TicketParamsIssuer(OrchestratorKey.Address, new byte[32], payments);
        var receiver = new PaymentReceiver(issuer, Chain, new ListQueue(), payments);
        var auth = new AuthTokenIssuer(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), TimeProvider.System);
        Core = new OrchestratorCore(OrchestratorKey, Options, issuer, receiver, Chain, auth, Pool, TimeProvider.System);
        var cert = SelfSignedCertificate.LoadOrCreate(Path.Combine(_dir, "tls.pfx"), TimeProvider.System);
        Server = await OrchestratorServer.StartAsync(Core, OrchestratorKey, new IPEndPoint(IPAddress.Loopback, port), cert, Options.MaxSegmentBytes, transcoders: Pool);
        Options.ServiceUri = Server.Address;
    }

    public async Task StopServerAsync() => await Server.DisposeAsync();

    public TranscoderNode StartTranscoder(IOrchestratorTranscoder transcoder, int capacity = 1, string secret = Secret, int seed = 1)
    {
        var node = new TranscoderNode(new TranscoderNodeOptions
        {
            OrchestratorUri = Server.Address, Secret = secret, Capacity = capacity,
            BackoffInitial = TimeSpan.FromMilliseconds(50), BackoffMax = TimeSpan.FromMilliseconds(400),
        }, transcoder, TimeProvider.System, new Random(seed)).Start();
        _nodes.Add(node);
        return node;
    }

    public static SegmentJob Job(long seq, int size = 3000, double seconds = 2) =>
        new("stream1", seq, Enumerable.Range(0, size).Select(i => (byte)(i + seq)).ToArray(), TimeSpan.FromSeconds(seconds), Ladder);

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task Until(Func<bool> condition, string what, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
