using System.Net;
using System.Text.Json.Nodes;
using Livepeer.Media.Profiles;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;

namespace Livepeer.Node.Broadcaster;

/// <summary>How a broadcaster node runs: ingest and HTTP ports, the ladder, where orchestrators come from, and selection.</summary>
public sealed class BroadcasterNodeOptions
{
    /// <summary>The ledger's JSON-RPC URL (discovery of registered orchestrators).</summary>
    public Uri ChainRpc { get; set; } = new("http://127.0.0.1:8545");
    /// <summary>The chain to use instead of the ledger at <see cref="ChainRpc"/> (e.g. an <see cref="Chains.EthereumConnector"/>), or null.</summary>
    public Chains.IChainConnector? Chain { get; set; }
    /// <summary>The chain the node connects to: <see cref="Chain"/>, else the ledger at <see cref="ChainRpc"/>.</summary>
    public Chains.IChainConnector Connector => Chain ?? new Chains.LedgerConnector(ChainRpc);
    /// <summary>Orchestrators to use instead of the ledger's registry (--orch-addr).</summary>
    public IReadOnlyList<Uri> OrchestratorAddresses { get; set; } = [];
    /// <summary>The default RTMP listen address (--rtmp-addr): this machine only.</summary>
    public const string DefaultRtmpAddr = "127.0.0.1:1935";
    /// <summary>The default HTTP listen address (--http-addr): this machine only.</summary>
    public const string DefaultHttpAddr = "127.0.0.1:8935";

    /// <summary>Address both servers bind to unless <see cref="RtmpListenAddress"/> or <see cref="HttpListenAddress"/> says otherwise.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;
    /// <summary>Address the RTMP server binds to (--rtmp-addr; 0.0.0.0 or [::] for every interface); null: <see cref="Address"/>.</summary>
    public IPAddress? RtmpListenAddress { get; set; }
    /// <summary>Address the HTTP server binds to (--http-addr); null: <see cref="Address"/>.</summary>
    public IPAddress? HttpListenAddress { get; set; }
    /// <summary>RTMP ingest port (0: any free port).</summary>
    public int RtmpPort { get; set; } = 1935;
    /// <summary>HTTP port for HLS, DASH, push ingest and status (0: any free port).</summary>
    public int HttpPort { get; set; } = 8935;
    /// <summary>
    /// go-livepeer's -authWebhookUrl: each new stream's ingest URL is POSTed here; a non-2xx answer refuses the publisher,
    /// a 2xx one may name the playback id and ladder. Null: everyone may publish, and plays under the stream key.
    /// </summary>
    public Uri? AuthWebhookUrl { get; set; }
    /// <summary>
    /// The HMAC-SHA256 key of playback tokens (--playback-secret-file, at least 32 bytes): when set, every playlist and
    /// segment request (HLS, DASH, recordings) needs a token for its playback id. Null: anyone who knows the playback id may watch.
    /// </summary>
    public byte[]? PlaybackSecret { get; set; }
    /// <summary>The transcoding ladder; the source is always offered too.</summary>
    public IReadOnlyList<VideoProfile> Profiles { get; set; } = VideoProfilePresets.DefaultLadder;
    /// <summary>Selection, price cap, attempts and suspension.</summary>
    public SelectionOptions Selection { get; set; } = new();

    /// <summary>The most an orchestrator's tickets may ask (go-livepeer's -maxTicketEV, -maxTotalEV, -depositMultiplier, and a face-value cap).</summary>
    public PaymentLimits PaymentLimits { get; set; } = new();

    /// <summary>Checks of orchestrators' results (pixels every segment, perceptual on a share), evidence and reports.</summary>
    public ResultVerificationOptions Verification { get; set; } = new();

    /// <summary>How long an ended stream's playlists stay (with EXT-X-ENDLIST) before its URLs answer 404 and its memory is freed.</summary>
    public TimeSpan EndedStreamRetention { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The node's one transcode queue for RTMP and push together; null: as many at once as the machine has cores for a
    /// local media server, 32 for the network (the work is remote).
    /// </summary>
    public Livepeer.Media.Transcoding.TranscodeQueueOptions? TranscodeQueue { get; set; }

    /// <summary>
    /// A folder where every stream is recorded whole (--record-dir): each rendition's segments and playlists, closed as a
    /// VOD (EXT-X-ENDLIST) when the stream ends, served at /recordings/{stream}/index.m3u8. Null: no recording.
    /// </summary>
    public string? RecordDirectory { get; set; }

    /// <summary>A folder where live streams' recent playlists are kept, so a restarted node serves them again and a returning publisher continues them (null: not kept).</summary>
    public string? PlaylistDirectory { get; set; }

    /// <summary>A folder of static files served at / (the dashboard and player), or null.</summary>
    public string? WebRoot { get; set; }

    /// <summary>Adds facts to GET /api/status (the devnet adds chain, orchestrator, delegator and ticket facts).</summary>
    public Func<JsonObject, CancellationToken, Task>? StatusExtender { get; set; }

    /// <summary>Throws naming the first bad option.</summary>
    public void Validate()
    {
        if (RtmpPort is < 0 or > 65535 || HttpPort is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(RtmpPort), "Ports are 0..65535.");
        if (RtmpPort != 0 && RtmpPort == HttpPort && (RtmpListenAddress ?? Address).Equals(HttpListenAddress ?? Address)) throw new ArgumentException("The RTMP and HTTP ports must differ.");
        if (AuthWebhookUrl is { } hook && !(hook.IsAbsoluteUri && (hook.Scheme == Uri.UriSchemeHttp || hook.Scheme == Uri.UriSchemeHttps)))
            throw new ArgumentException($"The auth webhook URL {hook} must be an absolute http:// or https:// URL.", nameof(AuthWebhookUrl));
        if (PlaybackSecret is { Length: < Livepeer.Media.Http.PlaybackTokens.MinKeyBytes } secret)
            throw new ArgumentException($"The playback secret is {secret.Length} bytes; it must be at least {Livepeer.Media.Http.PlaybackTokens.MinKeyBytes}.", nameof(PlaybackSecret));
        if (EndedStreamRetention < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(EndedStreamRetention), "Must not be negative.");
        VideoProfileParser.Validate(Profiles);
        TranscodeQueue?.Validate();
        Selection.Validate();
        PaymentLimits.Validate();
        Verification.Validate();
        if (WebRoot is not null && !File.Exists(Path.Combine(WebRoot, "index.html"))) throw new ArgumentException($"The web root {WebRoot} has no index.html.");
    }
}
