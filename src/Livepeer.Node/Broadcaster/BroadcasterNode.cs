using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Livepeer.Chain.Client;
using Livepeer.Core.Crypto;
using Livepeer.Hosting;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Http;
using Livepeer.Media.Ingest;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Rtmp;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Selection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Broadcaster;

/// <summary>
/// A running broadcaster: RTMP and HTTP-push ingest, a pipeline per stream that publishes the source at once and the
/// network's renditions as they come back, HLS and DASH output, GET /api/status (also at /status) and Prometheus GET /metrics.
/// </summary>
public sealed class BroadcasterNode : IMediaSegmentSink, IAsyncDisposable
{
    private readonly BroadcasterNodeOptions _options;
    private readonly HlsStreamStore _hls;
    private readonly DashStreamStore _dash;
    private readonly CmafPackager _packager = new();
    private readonly ConcurrentDictionary<string, StreamState> _streams = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly ILivepeerChain? _chain;
    private readonly TimeProvider _time;
    private MediaHttpServer? _http;
    private RtmpServer? _rtmp;
    private PushIngest? _push;
    private long _segmentsIn;
    private readonly HttpClient _webhookHttp = new() { Timeout = Timeout.InfiniteTimeSpan }; // the webhook's own timeout applies

    private readonly TranscodeQueue _transcoder;
    private PlaylistKeeper? _playlists;
    private volatile bool _stopping;

    private BroadcasterNode(BroadcasterNodeOptions options, TranscodeQueue transcoder, OrchestratorClient? network, ILivepeerChain? chain, ILogger logger, TimeProvider time)
    {
        (_options, _transcoder, Network, _chain, _logger, _time) = (options, transcoder, network, chain, logger, time);
        _hls = new HlsStreamStore(new HlsOptions { RecordDirectory = options.RecordDirectory });
        _dash = new DashStreamStore(new DashOptions { RecordDirectory = options.RecordDirectory });
    }

    /// <summary>The node's one transcode queue (RTMP and push together).</summary>
    public TranscodeQueue TranscodeQueue => _transcoder;

    /// <summary>The HLS output (streams being served).</summary>
    public HlsStreamStore Hls => _hls;
    /// <summary>The DASH output (streams being served).</summary>
    public DashStreamStore Dash => _dash;

    /// <summary>The client of the orchestrators (sessions, per-orchestrator stats, tickets); null for a local media server.</summary>
    public OrchestratorClient? Network { get; }
    /// <summary>The HTTP base address (HLS at hls/{stream}/index.m3u8).</summary>
    public Uri HttpAddress => _http!.BaseAddress;
    /// <summary>The RTMP port publishers connect to.</summary>
    public int RtmpPort => _rtmp!.LocalEndPoint.Port;
    /// <summary>The address and port the RTMP server is bound to.</summary>
    public System.Net.IPEndPoint RtmpEndPoint => _rtmp!.LocalEndPoint;
    /// <summary>The address and port the HTTP server is bound to.</summary>
    public System.Net.IPEndPoint HttpEndPoint => new(System.Net.IPAddress.Parse(HttpAddress.Host.Trim('[', ']')), HttpAddress.Port);
    /// <summary>What became of each stream's segments: transcoded, or source only and why.</summary>
    public StreamOutcomes Outcomes { get; private init; } = null!;
    /// <summary>This node's metrics (its own registry, served at GET /metrics).</summary>
    public BroadcasterMetrics Metrics { get; private init; } = null!;
    /// <summary>Where streams are recorded (--record-dir), or null.</summary>
    public string? RecordDirectory => _options.RecordDirectory;
    /// <summary>Segments received from publishers.</summary>
    public long SegmentsIn => Interlocked.Read(ref _segmentsIn);

    /// <summary>The ladder new streams get unless the auth webhook names one (<see cref="SetLadder"/> changes it).</summary>
    public IReadOnlyList<Livepeer.Media.Profiles.VideoProfile> Ladder => Volatile.Read(ref _ladder) ?? _options.Profiles;
    private IReadOnlyList<Livepeer.Media.Profiles.VideoProfile>? _ladder;

    /// <summary>The streams running now (RTMP and push) with the ladder each is transcoded into.</summary>
    public IReadOnlyList<LivePipeline> Pipelines => [.. _streams.Values.Select(s => s.Pipeline), .. _push?.Pipelines ?? []];

    /// <summary>
    /// Changes the ladder without a restart: new streams get it, and every running stream's next segments are transcoded
    /// into it (its playlists gain the new renditions; old ones stop growing). Returns the running streams that kept their
    /// ladder, with why (a change of HLS container family waits for the stream's next publish). Throws
    /// <see cref="Livepeer.Media.Profiles.ProfileException"/> for an invalid ladder.
    /// </summary>
    public IReadOnlyDictionary<string, string> SetLadder(IReadOnlyList<Livepeer.Media.Profiles.VideoProfile> profiles)
    {
        Livepeer.Media.Profiles.VideoProfileParser.Validate(profiles);
        Volatile.Write(ref _ladder, profiles);
        if (_push is { } push) push.Profiles = profiles;
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pipeline in Pipelines)
        {
            try { pipeline.SetProfiles(profiles); }
            catch (ArgumentException e) { kept[pipeline.StreamName] = e.Message; }
        }
        _logger.LadderSet(string.Join(',', profiles.Select(p => p.Name)));
        return kept;
    }

    /// <summary>Starts ingest and serving; the key pays for transcoding.</summary>
    public static async Task<BroadcasterNode> StartAsync(PrivateKey key, BroadcasterNodeOptions options, TimeProvider time, ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        options.Validate();
        loggers ??= NullLoggerFactory.Instance;
        var chain = options.OrchestratorAddresses.Count == 0 ? await options.Connector.ConnectAsync(key, time, ct) : null;
        IOrchestratorDirectory directory = chain is null ? new StaticOrchestratorDirectory(options.OrchestratorAddresses) : new LedgerOrchestratorDirectory(chain);
        var suspensions = new SuspensionList(options.Selection, time);
        var selector = new OrchestratorSelector(options.Selection, suspensions, new Random(RandomNumberGenerator.GetInt32(int.MaxValue)));
        var metrics = new BroadcasterMetrics();
        var verification = new ResultVerification(options.Verification, chain, loggers.CreateLogger<ResultVerification>(), time);
        var network = new OrchestratorClient(key, directory, new OrchestratorConnection(key), selector, suspensions, options.Selection, loggers.CreateLogger<OrchestratorClient>(), verification) 
        {
            Metrics = metrics, OffChain = chain is null, Limits = options.PaymentLimits,
            Deposit = chain is null ? null : async ct => (await chain.GetSenderInfoAsync(key.Address, ct)).Deposit,
        };
        var node = await StartServingAsync(options, network, network, chain, time, loggers, metrics, ct);
        network.Governor.Changed += (stream, state, lightened) =>
        {
            metrics.LadderChanges.WithLabels(lightened ? "lightened" : "restored").Inc();
            if (lightened) node._logger.StreamFallsBehind(stream, state.Reason, string.Join(",", state.Dropped));
            else node._logger.StreamKeepsUp(stream, string.Join(",", state.Dropped));
        };
        verification.EvidenceBaseUri = options.Verification.PublicBaseUri ?? node.HttpAddress;
        node._logger.BroadcasterStarted(key.Address, node.RtmpPort, node.HttpAddress);
        return node;
    }

    /// <summary>
    /// A media server with no network and no chain (`livepeer media`): RTMP and push ingest, <paramref name="transcoder"/>
    /// (usually the local ffmpeg transcoder) for the ladder, HLS and DASH out.
    /// </summary>
    public static async Task<BroadcasterNode> StartLocalAsync(ITranscoder transcoder, BroadcasterNodeOptions options, TimeProvider time, ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        options.Validate();
        var node = await StartServingAsync(options, transcoder, null, null, time, loggers ?? NullLoggerFactory.Instance, new BroadcasterMetrics(), ct);
        node._logger.MediaServerStarted(node.RtmpPort, node.HttpAddress);
        return node;
    }

    private static async Task<BroadcasterNode> StartServingAsync(BroadcasterNodeOptions options, ITranscoder transcoder, OrchestratorClient? network, ILivepeerChain? chain,
        TimeProvider time, ILoggerFactory loggers, BroadcasterMetrics metrics, CancellationToken ct)
    {
        var queue = new TranscodeQueue(transcoder, options.TranscodeQueue ?? (network is null ? new TranscodeQueueOptions() : new TranscodeQueueOptions { MaxRunning = 32, MaxWaiting = 64 }), time);
        var node = new BroadcasterNode(options, queue, network, chain, loggers.CreateLogger<BroadcasterNode>(), time) { Metrics = metrics, Outcomes = new StreamOutcomes(metrics) };
        metrics.Registry.AddBeforeCollectCallback(node.UpdateGaugesAsync);
        if (options.PlaylistDirectory is { } playlists)
            node._playlists = PlaylistKeeper.Start(playlists, node._hls, () => node._streams.Keys, time, loggers.CreateLogger<PlaylistKeeper>());
        var webhook = options.AuthWebhookUrl is { } hook ? new AuthWebhook(hook, node._webhookHttp, loggers.CreateLogger<AuthWebhook>()) : null;
        var push = new PushIngest(options.Profiles, queue, node._packager, node._hls, node._dash, ingested: r =>
        {
            node.CountReceived();
            node.CountPublished(r);
        }, endedRetention: options.EndedStreamRetention, time: time)
        {
            // go-livepeer authenticates a pushed stream with the URL of its first segment.
            Authorize = webhook is null ? null : (stream, seq, ct) => webhook.AuthorizeAsync($"{node.HttpAddress}live/{stream}/{seq}.ts", ct),
        };
        node._push = push;
        var httpAddress = options.HttpListenAddress ?? options.Address;
        node._http = await MediaHttpServer.StartAsync(
            new MediaHttpServerOptions
            {
                Address = httpAddress.ToString(), Port = options.HttpPort, AllowRemote = !System.Net.IPAddress.IsLoopback(httpAddress),
                PlaybackTokens = options.PlaybackSecret is { } secret ? new PlaybackTokens(secret, time) : null,
            },
            node._hls, node._dash, push, time, app =>
            {
                app.MapGet("/api/status", node.StatusAsync);
                app.MapGet("/status", node.StatusAsync); // the same document at the path every node serves
                app.MapMetrics(metrics.Registry);
                if (network?.Verification is { } verification) app.MapGet("/api/evidence/{hash}", (string hash, CancellationToken ct) => EvidenceEndpoint.GetAsync(verification.Evidence, hash, ct));
                if (options.RecordDirectory is { } records) RecordingFiles.Map(app, records);
                if (options.WebRoot is { } root) WebFiles.Map(app, root);
            }, loggers, ct);
        node._rtmp = new RtmpServer(new RtmpServerOptions { Address = options.RtmpListenAddress ?? options.Address, Port = options.RtmpPort },
            new LiveIngest(node, new LiveIngestOptions
            {
                Authorize = webhook is null ? null : (request, ct) => webhook.AuthorizeAsync(IngestUrl(request, node), ct),
            }, loggers.CreateLogger<LiveIngest>(), time), loggers, time);
        node._rtmp.Start();
        return node;
    }

    // The URL the publisher used, as go-livepeer gives its webhook: rtmp://host:port/app/key?query.
    private static string IngestUrl(RtmpPublishRequest request, BroadcasterNode node)
    {
        var app = request.TcUrl is { Length: > 0 } tc && tc.StartsWith("rtmp", StringComparison.OrdinalIgnoreCase)
            ? tc.TrimEnd('/') : $"rtmp://{Livepeer.Media.Http.ListenAddresses.Authority(node.RtmpEndPoint.Address, node.RtmpEndPoint.Port)}/{request.App}";
        return $"{app}/{request.StreamKey}" + (request.Query is { Length: > 0 } q ? "?" + q : "");
    }

    ValueTask IMediaSegmentSink.StreamStartedAsync(LiveStreamInfo stream, CancellationToken cancellationToken)
    {
        _streams[stream.StreamName] = new StreamState(new LivePipeline(stream.StreamName, stream.Profiles ?? Ladder, _transcoder, _packager, _hls, _dash,
            publishId: LivePipeline.NewPublishId()));
        _logger.StreamStarted(stream.StreamName);
        return ValueTask.CompletedTask;
    }

    ValueTask IMediaSegmentSink.SegmentReadyAsync(MediaSegment segment, CancellationToken cancellationToken)
    {
        CountReceived();
        if (!_streams.TryGetValue(segment.StreamName, out var stream)) return ValueTask.CompletedTask;
        // Not awaited: the pipeline publishes the source in arrival order and pipelines the renditions, so a slow
        // orchestrator never back-pressures the publisher. A failed transcode leaves the source playing.
        Interlocked.Increment(ref stream.Segments);
        stream.Work.Add(PublishAsync(stream.Pipeline, segment));
        return ValueTask.CompletedTask;
    }

    private async Task PublishAsync(LivePipeline pipeline, MediaSegment segment)
    {
        CountPublished(await pipeline.AddSegmentAsync(segment, CancellationToken.None));
    }

    private void CountReceived()
    {
        Interlocked.Increment(ref _segmentsIn);
        Metrics.SegmentsReceived.Inc();
    }

    private void CountPublished(PipelineResult result)
    {
        var reason = Outcomes.Record(result);
        if (result.Error is { } error)
            _logger.SegmentSourceOnly(result.Segment.StreamName, result.Segment.Sequence,
                reason is { } r ? SourceOnlyReasons.Label(r) : "published", error.Message);
        // Skipped because earlier segments still wait for renditions: the stream falls behind as surely as a slow round trip says.
        if (reason == SourceOnlyReason.Late && Network is { } network)
            network.Governor.Missed(result.Segment.StreamName, result.Segment.Sequence,
                _streams.TryGetValue(result.Segment.StreamName, out var stream) ? stream.Pipeline.Profiles : _options.Profiles, "skipped while earlier segments were in transcoding");
        if (result.Transcoded is { } transcoded) Metrics.RenditionsPublished.Inc(transcoded.Renditions.Count);
    }

    private async Task UpdateGaugesAsync(CancellationToken ct)
    {
        Metrics.Streams.Set(_streams.Count);
        if (_chain is null) return;
        try
        {
            Metrics.BlockHeight.Set(await _chain.BlockNumberAsync(ct));
            Metrics.Round.Set((await _chain.GetRoundInfoAsync(ct)).CurrentRound);
        }
        catch (ChainUnavailableException) { }
    }

    async ValueTask IMediaSegmentSink.StreamEndedAsync(LiveStreamInfo stream, Exception? error, CancellationToken cancellationToken)
    {
        if (!_streams.TryRemove(stream.StreamName, out var s)) return;
        await Task.WhenAll(s.Work);
        await s.Pipeline.EndAsync();
        _playlists?.StreamEnded(stream.StreamName, _stopping);
        _ = s.Pipeline.RetireAfterAsync(_options.EndedStreamRetention, _time).ContinueWith(_ => Outcomes.Forget(stream.StreamName), TaskScheduler.Default);
        Network?.EndStream(stream.StreamName);
        _logger.StreamEnded(stream.StreamName, error is null ? "" : $": {error.Message}");
    }

    private async Task StatusAsync(HttpContext context)
    {
        var status = new JsonObject
        {
            ["streams"] = new JsonArray(_streams.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Key,
                ["segments"] = Interlocked.Read(ref s.Value.Segments),
                ["errors"] = s.Value.Pipeline.Errors,
                ["transcoded"] = Outcomes.For(s.Key).Transcoded,
                ["sourceOnly"] = new JsonObject(Outcomes.For(s.Key).SourceOnly.Select(r => KeyValuePair.Create(SourceOnlyReasons.Label(r.Key), (JsonNode?)r.Value))),
                ["ladder"] = Network?.Governor.State(s.Key) is { } ladder ? new JsonObject
                {
                    ["dropped"] = new JsonArray(ladder.Dropped.Select(d => (JsonNode)d).ToArray()), ["lightenedAtSeq"] = ladder.LightenedAtSeq, ["reason"] = ladder.Reason,
                } : null,
                ["renditions"] = new JsonArray(s.Value.Pipeline.Profiles.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name }).Prepend(new JsonObject { ["name"] = LivePipeline.SourceName }).ToArray()),
            }).ToArray()),
            ["segmentsIn"] = SegmentsIn,
            ["transcodeQueue"] = new JsonObject
            {
                ["running"] = _transcoder.Running, ["pending"] = _transcoder.Pending, ["maxRunning"] = _transcoder.Options.MaxRunning,
                ["refused"] = _transcoder.Refused, ["abandoned"] = _transcoder.Abandoned,
            },
            ["tickets"] = new JsonObject { ["sent"] = Network?.TicketsSent ?? 0 },
            ["suspended"] = new JsonArray((Network?.Suspensions.Current() ?? []).Select(x => (JsonNode)new JsonObject
            {
                ["address"] = x.Orchestrator.ToString(), ["failures"] = x.Failures, ["until"] = x.Until.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }).ToArray()),
            ["orchestrators"] = new JsonArray((Network?.Stats ?? new Dictionary<Livepeer.Core.Address, OrchestratorStats>()).Select(o => (JsonNode)new JsonObject
            {
                ["address"] = o.Key.ToString(),
                ["segments"] = o.Value.Segments,
                ["failures"] = o.Value.Failures,
                ["successRate"] = o.Value.Segments + o.Value.Failures == 0 ? null : (double)o.Value.Segments / (o.Value.Segments + o.Value.Failures),
                ["latencyMs"] = o.Value.LastRoundTrip.TotalMilliseconds,
            }).ToArray()),
        };
        if (Network?.Verification is { } verification)
        {
            status["verification"] = new JsonObject
            {
                ["checked"] = verification.Checked, ["checkedPerceptually"] = verification.CheckedPerceptually,
                ["findings"] = new JsonArray(verification.Findings.Select(f => (JsonNode)new JsonObject
                {
                    ["orchestrator"] = f.Orchestrator.ToString(), ["kind"] = f.Kind, ["stream"] = f.ManifestId, ["seq"] = f.Seq, ["evidence"] = f.Evidence.ToString(),
                    ["reason"] = f.Reason, ["transaction"] = f.Transaction?.ToString(), ["chainError"] = f.ChainError,
                }).ToArray()),
            };
        }
        if (_chain is not null)
        {
            try
            {
                var round = await _chain.GetRoundInfoAsync(context.RequestAborted);
                status["chain"] = new JsonObject
                {
                    ["blockNumber"] = await _chain.BlockNumberAsync(context.RequestAborted), ["round"] = round.CurrentRound,
                    ["roundLength"] = round.RoundLength, ["roundStartBlock"] = round.CurrentRoundStartBlock, ["locked"] = round.Locked,
                };
            }
            catch (ChainUnavailableException e) { status["chainError"] = e.Message; }
        }
        if (_options.StatusExtender is { } extend) await extend(status, context.RequestAborted);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(status.ToJsonString(), context.RequestAborted);
    }

    /// <summary>Stops ingest and serving.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true; // streams ended by the stop keep their saved playlists
        if (_rtmp is not null) await _rtmp.DisposeAsync();
        foreach (var s in _streams.Values) await Task.WhenAll(s.Work);
        if (Network?.Verification is { } verification) await verification.DrainAsync();
        if (_http is not null) await _http.DisposeAsync();
        if (_playlists is not null) await _playlists.DisposeAsync();
        _chain?.Dispose();
        _webhookHttp.Dispose();
    }

    private sealed class StreamState(LivePipeline pipeline)
    {
        public LivePipeline Pipeline { get; } = pipeline;
        public ConcurrentBag<Task> Work { get; } = [];
        public long Segments;
    }
}
