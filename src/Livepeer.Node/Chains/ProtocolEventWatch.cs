using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Deployment;
using Livepeer.Ethereum.Events;
using Livepeer.Ethereum.Networks;
using Livepeer.Node.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Chains;

/// <summary>
/// An orchestrator's own WinningTicketRedeemed and Reward events on an EVM chain, followed from a cursor in its data
/// directory (<see cref="EventFollower"/>) and counted (<see cref="ProtocolEventTally"/>, saved beside it): a
/// redemption a reorganization took off the chain goes back into the redemption queue, so it is sent again exactly
/// once; nothing is counted twice across a reorganization or a restart. The embedded ledger has no reorganizations:
/// there is no watch for it.
/// </summary>
public sealed class ProtocolEventWatch
{
    /// <summary>The cursor's file name in the data directory.</summary>
    public const string CursorFile = "events-cursor.json";
    /// <summary>The tally's file name in the data directory.</summary>
    public const string TallyFile = "events-tally.json";
    /// <summary>Blocks on top before a node acts on a log (a shallower reorganization is repaired anyway, from the blocks' hashes).</summary>
    public const int DefaultConfirmations = 6;

    private readonly EventFollower _follower;
    private readonly ILogger _logger;
    private readonly EthereumChain _chain;
    private readonly SqliteRedemptionQueue _queue;
    private readonly int _confirmations;
    private readonly Dictionary<Hash, long> _usedSince = [];
    private readonly HashSet<Hash> _settled = [];

    private ProtocolEventWatch(EventFollower follower, ProtocolEventTally tally, EthereumChain chain, SqliteRedemptionQueue queue, int confirmations, ILogger logger) =>
        (_follower, Tally, _chain, _queue, _confirmations, _logger) = (follower, tally, chain, queue, confirmations, logger);

    /// <summary>Redemptions queued again so far because the chain no longer had them (lost by its node, or reorganized off before their event was followed).</summary>
    public int RedemptionsLost { get; private set; }

    /// <summary>What the followed events add up to.</summary>
    public ProtocolEventTally Tally { get; }

    /// <summary>
    /// A watch for <paramref name="chain"/>'s account when it is an EVM chain, else null. Without a cursor yet it starts
    /// <paramref name="confirmations"/> blocks below the head (a new orchestrator has no older events worth reading).
    /// </summary>
    public static async Task<ProtocolEventWatch?> CreateAsync(ILivepeerChain chain, SqliteRedemptionQueue queue, string dataDirectory, int confirmations,
        ILogger? logger = null, CancellationToken ct = default)
    {
        if (chain is not EthereumChain ethereum || ethereum.Account is not { } account) return null;
        logger ??= NullLogger.Instance;
        var clock = await ethereum.GetRoundClockAsync(ct);
        var head = await ethereum.Rpc.BlockNumberAsync(ct);
        // On Arbitrum the logs' blocks are L2 blocks and rounds count L1 blocks: reward rounds are then only the L2 block's
        // count, a label; what matters (one count per log, requeue on a reorganization) does not depend on it.
        Func<long, long> roundOf = ethereum.Network.Clock == BlockClock.Native ? clock.RoundAt : block => block;
        var tally = new ProtocolEventTally(roundOf, (ticket, _) =>
        {
            if (queue.Requeue(ticket, "its redemption was reorganized off the chain"))
                logger.RedemptionReorganized(ticket);
            return Task.CompletedTask;
        }, Path.Combine(dataDirectory, TallyFile), account);
        var follower = new EventFollower(ethereum.Rpc,
            [ethereum.ContractAddress(ContractNames.TicketBroker).ToString(), ethereum.ContractAddress(ContractNames.BondingManager).ToString()],
            [ProtocolEvents.TopicOf("WinningTicketRedeemed")!, ProtocolEvents.TopicOf("Reward")!],
            Path.Combine(dataDirectory, CursorFile),
            new EventFollowerOptions { Confirmations = confirmations, StartBlock = Math.Max(0, head - confirmations) });
        return new ProtocolEventWatch(follower, tally, ethereum, queue, confirmations, logger);
    }

    /// <summary>One poll: applies what is newly confirmed, then checks the queue's unconfirmed redemptions against the chain; returns the batch.</summary>
    public async Task<EventBatch> PollAsync(CancellationToken ct)
    {
        var batch = await _follower.PollAsync(Tally.ApplyAsync, ct);
        await CheckUnconfirmedRedemptionsAsync(ct);
        return batch;
    }

    /// <summary>
    /// A redemption whose receipt the node saw can still vanish before its event is confirmed: a reorganization, or the
    /// chain's node dying before it saved that block (anvil with --state). Each ticket the queue holds redeemed is checked
    /// with TicketBroker.usedTickets until its event is followed or it has been used for the confirmation depth; one the
    /// chain does not hold as used goes back into the queue.
    /// </summary>
    private async Task CheckUnconfirmedRedemptionsAsync(CancellationToken ct)
    {
        long? head = null;
        foreach (var q in _queue.All().Where(q => q.Status == RedemptionStatus.Redeemed))
        {
            var hash = q.Winning.Ticket.Hash();
            if (_settled.Contains(hash)) continue;
            if (Tally.RedeemedTickets.ContainsKey(hash))
            {
                _settled.Add(hash);
                _usedSince.Remove(hash);
                continue;
            }
            head ??= await _chain.Rpc.BlockNumberAsync(ct);
            if (await _chain.IsTicketUsedAsync(hash, ct))
            {
                var since = _usedSince.TryGetValue(hash, out var s) ? s : _usedSince[hash] = head.Value;
                if (head.Value - since >= _confirmations) { _settled.Add(hash); _usedSince.Remove(hash); }
                continue;
            }
            _usedSince.Remove(hash);
            if (_queue.Requeue(hash, "its redemption is no longer on the chain"))
            {
                RedemptionsLost++;
                _logger.RedemptionLost(hash);
            }
        }
    }

    /// <summary>Polls every <paramref name="interval"/> until cancelled; an outage or a bad answer is logged and retried.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try { await PollAsync(ct); }
                catch (Exception e) when (e is ChainUnavailableException or InvalidDataException or Nethereum.JsonRpc.Client.RpcResponseException)
                {
                    _logger.FollowingFailed(e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
