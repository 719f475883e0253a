using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Hosting;
using Livepeer.Node.Orchestrator.Misbehaviour;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Payments;
using Livepeer.Node.Services;
using Livepeer.Protocol.Engine;
using Livepeer.Wire.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Orchestrator;

/// <summary>
/// A running orchestrator: registered on the ledger, serving discovery and segments on its TLS port, redeeming winning
/// tickets, initializing rounds and calling reward() every round it is active.
/// </summary>
public sealed class OrchestratorNode : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly ILivepeerChain _chain;
    private readonly OrchestratorServer _server;
    private readonly TimeProvider _time;

    private OrchestratorNode(ILivepeerChain chain, OrchestratorServer server, OrchestratorCore core, SqliteRedemptionQueue queue, TicketRedeemer redeemer, RewardService rewards, Uri serviceUri, TimeProvider time)
    {
        (_chain, _server, Core, Queue, Redeemer, Rewards, ServiceUri, _time) = (chain, server, core, queue, redeemer, rewards, serviceUri, time);
    }

    /// <summary>The serving core (sessions, counters, payments).</summary>
    public OrchestratorCore Core { get; }
    /// <summary>Winning tickets.</summary>
    public SqliteRedemptionQueue Queue { get; }
    /// <summary>The ticket redeemer.</summary>
    public TicketRedeemer Redeemer { get; }
    /// <summary>The round and reward keeper.</summary>
    public RewardService Rewards { get; }
    /// <summary>Its own redemption and reward events, followed on an EVM chain (null on the ledger).</summary>
    public Chains.ProtocolEventWatch? Events { get; private set; }
    /// <summary>The remote transcoder pool, when the node was started with one (counts for status pages).</summary>
    public TranscoderPool? Transcoders { get; private init; }
    /// <summary>The URI it serves on.</summary>
    public Uri ServiceUri { get; }
    /// <summary>This node's metrics (its own registry, served at GET /metrics).</summary>
    public OrchestratorMetrics Metrics => Core.Metrics!;

    /// <summary>Starts the node; throws <see cref="ChainUnavailableException"/> when the ledger cannot be reached.</summary>
    public static async Task<OrchestratorNode> StartAsync(PrivateKey key, IOrchestratorTranscoder transcoder, OrchestratorNodeOptions options, TimeProvider time,
        ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        options.Validate();
        loggers ??= NullLoggerFactory.Instance;
        var log = loggers.CreateLogger<OrchestratorNode>();
        Directory.CreateDirectory(options.DataDirectory);
        var chain = await options.Connector.ConnectAsync(key, time, ct);
        var state = new ChainTicketState(chain);
        var onChain = !options.Serving.OffChain; // go-livepeer's off-chain mode: no ledger at all, no tickets
        if (onChain) await state.RefreshAsync(ct);

        var secret = LoadOrCreateSecret(Path.Combine(options.DataDirectory, "orchestrator.secret"));
        var issuer = new TicketParamsIssuer(key.Address, HMACSHA256.HashData(secret, "tickets"u8), options.Payments);
        var auth = new AuthTokenIssuer(HMACSHA256.HashData(secret, "auth-tokens"u8), time);
        var queue = new SqliteRedemptionQueue(Path.Combine(options.DataDirectory, "tickets.db"));
        var metrics = new OrchestratorMetrics();
        var receiver = new PaymentReceiver(issuer, state, queue, options.Payments) { Metrics = metrics };
        var certificate = SelfSignedCertificate.LoadOrCreate(Path.Combine(options.DataDirectory, "tls.pfx"), time);
        // A test orchestrator's cheat wraps the honest parts here; the core itself is always honest.
        var cheat = options.Serving.Misbehaviour;
        var coreLog = loggers.CreateLogger<OrchestratorCore>();
        MisbehaviourDecorators.Announce(cheat, key, coreLog);
        var core = new OrchestratorCore(key, options.Serving, issuer, receiver, state, auth, MisbehaviourDecorators.Transcoder(transcoder, cheat), time, coreLog)
        {
            Metrics = metrics,
            RepeatedAnswers = MisbehaviourDecorators.RepeatedAnswers(cheat, key, coreLog),
        };
        var pool = transcoder as TranscoderPool; // remote transcoders register on the same port
        if (pool is not null) pool.OrchId = onChain ? key.Address.ToChecksumString() : TranscoderPool.OffChainOrchId; // go's NotifySegment.orchId
        OrchestratorNode? started = null;
        var server = await OrchestratorServer.StartAsync(core, key, options.Listen, certificate, options.Serving.MaxSegmentBytes, loggers, ct, pool, app => app
            .MapStatus(c => started is null ? Task.FromResult(new JsonObject { ["role"] = "orchestrator", ["starting"] = true }) : started.StatusAsync(c))
            .MapMetrics(metrics.Registry));
        var serviceUri = options.PublicUri ?? server.Address;
        options.Serving.ServiceUri = serviceUri; // rendition URLs and OrchestratorInfo.transcoder

        var node = new OrchestratorNode(chain, server, core, queue, new TicketRedeemer(queue, chain, time, loggers.CreateLogger<TicketRedeemer>()) { Metrics = metrics },
            new RewardService(chain, time, loggers.CreateLogger<RewardService>()), serviceUri, time) { Transcoders = pool };
        started = node;
        metrics.Registry.AddBeforeCollectCallback(node.UpdateGaugesAsync);
        if (!onChain)
        {
            log.ServingOffChain(key.Address, serviceUri);
            return node;
        }
        try
        {
            if (options.Register is { } registration) await node.EnsureRegisteredAsync(registration, ct);
            await state.RefreshAsync(ct); // registering may have initialized the round that tickets are created in
            node.Events = await Chains.ProtocolEventWatch.CreateAsync(chain, queue, options.DataDirectory, Chains.ProtocolEventWatch.DefaultConfirmations, log, ct);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        node._loops.Add(node.Poll(state, options.ChainPoll, log));
        node._loops.Add(node.Rewards.RunAsync(options.RewardInterval, node._stop.Token));
        node._loops.Add(node.Redeemer.RunAsync(options.RedeemInterval, node._stop.Token));
        if (node.Events is { } events) node._loops.Add(events.RunAsync(options.RedeemInterval, node._stop.Token));
        log.Serving(key.Address, serviceUri);
        return node;
    }

    /// <summary>
    /// Bonds to itself, sets its reward cut and fee share, and advertises its service URI — each step only when the ledger
    /// does not show it done yet, and each safe across round boundaries, so a restart or a retry repeats nothing.
    /// </summary>
    public async Task EnsureRegisteredAsync(RegistrationOptions registration, CancellationToken ct)
    {
        var address = _chain.Account!.Value;
        var delegator = await _chain.GetDelegatorAsync(address, ct);
        if (delegator.BondedAmount.IsZero || delegator.DelegateAddress != address)
            await RoundSafe.RunAsync(_chain, () => _chain.BondAsync(registration.Stake, address, ct), _time, ct);
        var transcoder = await _chain.GetTranscoderAsync(address, ct);
        if (transcoder.RewardCut != registration.RewardCut || transcoder.FeeShare != registration.FeeShare)
        {
            try
            {
                await RoundSafe.RunAsync(_chain, () => _chain.TranscoderAsync(registration.RewardCut, registration.FeeShare, ct), _time, ct);
            }
            catch (ChainTransactionException e) when (e.Error == ProtocolError.RewardNotCalledThisRound)
            {
                // Already active (a round passed since the bond): the protocol wants this round's reward before new rates.
                await RoundSafe.RunAsync(_chain, () => _chain.RewardAsync(ct), _time, ct);
                await RoundSafe.RunAsync(_chain, () => _chain.TranscoderAsync(registration.RewardCut, registration.FeeShare, ct), _time, ct);
            }
        }
        if (transcoder.ServiceUri != ServiceUri.ToString())
            await RoundSafe.RunAsync(_chain, () => _chain.SetServiceUriAsync(ServiceUri.ToString(), ct), _time, ct);
    }

    /// <summary>The facts GET /status serves (see README, Observability).</summary>
    public async Task<JsonObject> StatusAsync(CancellationToken ct)
    {
        var counts = Queue.Counts();
        var stake = await StakeAsync(ct);
        var status = new JsonObject
        {
            ["role"] = "orchestrator",
            ["address"] = Core.Address.ToString(),
            ["serviceUri"] = ServiceUri.ToString(),
            ["version"] = Version,
            ["price"] = new JsonObject { ["pricePerUnit"] = Core.PricePerUnit.ToString(), ["pixelsPerUnit"] = Core.PixelsPerUnit.ToString() },
            ["capacity"] = Core.Sessions.Capacity,
            ["sessions"] = Core.Sessions.Count,
            ["capacityMeasured"] = Core.MeasuredCapacity is { } measured ? new JsonObject
            {
                ["sessions"] = measured.Sessions, ["realTimeSessions"] = measured.RealTimeSessions, ["ladder"] = measured.Ladder,
                ["limitPercent"] = Capacity.RealTimeRule.LimitPercent,
                ["trials"] = new JsonArray(measured.Trials.Select(t => (JsonNode)new JsonObject { ["sessions"] = t.Concurrency, ["slowestMs"] = t.SlowestMs, ["segmentMs"] = t.SegmentMs, ["realTimePercent"] = t.RealTimePercent }).ToArray()),
            } : null,
            ["segments"] = new JsonObject { ["transcoded"] = Core.Segments, ["failed"] = Core.Failures },
            ["tickets"] = new JsonObject { ["received"] = (long)Metrics.TicketsReceived.Value, ["won"] = (long)Metrics.TicketsWon.Value },
            ["redemptions"] = new JsonObject
            {
                ["pending"] = counts.GetValueOrDefault(RedemptionStatus.Pending),
                ["redeemed"] = counts.GetValueOrDefault(RedemptionStatus.Redeemed),
                ["failed"] = counts.GetValueOrDefault(RedemptionStatus.Failed),
            },
            ["lastRewardRound"] = Rewards.LastRewardRound == 0 ? null : Rewards.LastRewardRound,
            ["stake"] = stake?.ToString(),
        };
        if (Events is { } events)
            status["onChainEvents"] = new JsonObject
            {
                ["ticketsRedeemed"] = events.Tally.RedeemedTickets.Count,
                ["rewards"] = events.Tally.Rewards.Count,
                ["redemptionsTakenBack"] = events.Tally.RedemptionsTakenBack,
            };
        if (Transcoders is { } pool)
        {
            status["transcoders"] = new JsonObject
            {
                ["count"] = pool.Transcoders,
                ["capacity"] = pool.Capacity,
                ["load"] = pool.Load,
                ["local"] = pool.HasLocal,
                ["connected"] = new JsonArray(pool.Snapshot().Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["peer"] = t.Peer, ["capacity"] = t.Capacity, ["load"] = t.Load }).ToArray()),
            };
        }
        try
        {
            var round = Core.Chain.Round;
            status["chain"] = new JsonObject { ["round"] = round.CurrentRound, ["roundInitialized"] = round.Initialized, ["blockNumber"] = Core.Chain.BlockNumber };
        }
        catch (InvalidOperationException) { } // not read from the ledger yet
        return status;
    }

    /// <summary>The build's version (informational version of this assembly).</summary>
    public static string Version { get; } =
        typeof(OrchestratorNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private async Task<UInt256?> StakeAsync(CancellationToken ct)
    {
        try { return (await _chain.GetTranscoderAsync(Core.Address, ct)).TotalStake; }
        catch (ChainUnavailableException) { return null; }
    }

    private async Task UpdateGaugesAsync(CancellationToken ct)
    {
        Metrics.Sessions.Set(Core.Sessions.Count);
        Metrics.Capacity.Set(Core.Sessions.Capacity);
        if (Core.MeasuredCapacity is { } measured)
        {
            Metrics.MeasuredSessions.Set(measured.RealTimeSessions);
            Metrics.MeasuredRealTimePercent.Set(measured.RealTimePercentAtCapacity);
        }
        if (Transcoders is { } pool)
        {
            Metrics.RemoteTranscoders.Set(pool.Transcoders);
            Metrics.RemoteCapacity.Set(pool.Capacity);
            Metrics.RemoteLoad.Set(pool.Load);
        }
        foreach (var (status, count) in Queue.Counts()) Metrics.RedemptionQueue.WithLabels(status.ToString().ToLowerInvariant()).Set(count);
        Metrics.LastRewardRound.Set(Rewards.LastRewardRound);
        try
        {
            Metrics.Round.Set(Core.Chain.Round.CurrentRound);
            Metrics.BlockHeight.Set(Core.Chain.BlockNumber);
        }
        catch (InvalidOperationException) { }
        if (await StakeAsync(ct) is { } stake) Metrics.StakeWei.Set((double)(System.Numerics.BigInteger)stake);
    }

    private async Task Poll(ChainTicketState state, TimeSpan interval, ILogger log)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await state.RefreshAsync(_stop.Token);
                    if (!state.Round.Initialized)
                    {
                        // Tickets can only name an initialized round: start the new one now rather than at the reward
                        // service's next tick, or with short rounds the only parameters on offer are already expired.
                        try { await _chain.InitializeRoundAsync(_stop.Token); }
                        catch (ChainTransactionException e) when (e.Error == ProtocolError.RoundAlreadyInitialized) { }
                        await state.RefreshAsync(_stop.Token);
                    }
                }
                catch (ChainUnavailableException e) { log.LedgerUnavailable(e.Message); }
                catch (ChainTransactionException e) { log.RoundNotInitialized(e.Reason, e.Message); }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private static byte[] LoadOrCreateSecret(string path)
    {
        if (File.Exists(path)) return File.ReadAllBytes(path);
        var secret = RandomNumberGenerator.GetBytes(32);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
        return secret;
    }

    /// <summary>Stops the loops and the server and closes the queue.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        await _server.DisposeAsync();
        Queue.Dispose();
        _chain.Dispose();
        _stop.Dispose();
    }
}
