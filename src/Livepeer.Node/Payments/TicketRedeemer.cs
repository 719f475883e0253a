using Livepeer.Chain.Client;
using Livepeer.Protocol.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Payments;

/// <summary>
/// Redeems queued winning tickets on the ledger. A refusal the ledger gives for good (used, expired, did not win, sender
/// out of funds…) marks the ticket failed with its reason; an unreachable ledger or a round not yet initialized is
/// retried on the next pass.
/// </summary>
public sealed class TicketRedeemer(SqliteRedemptionQueue queue, ILivepeerChain chain, TimeProvider time, ILogger<TicketRedeemer>? logger = null)
{
    private static readonly HashSet<string> Transient = ["RoundNotInitialized", "NonceTooLow", "NonceGap"];
    private readonly ILogger _logger = logger ?? NullLogger<TicketRedeemer>.Instance;

    /// <summary>Metrics moved by redemptions, or null.</summary>
    public Orchestrator.OrchestratorMetrics? Metrics { get; init; }

    /// <summary>Tickets redeemed since start.</summary>
    public long Redeemed { get; private set; }

    /// <summary>One pass over the pending tickets; returns how many were redeemed.</summary>
    public async Task<int> RedeemPendingAsync(CancellationToken ct)
    {
        var redeemed = 0;
        foreach (var q in queue.Pending())
        {
            try
            {
                await chain.RedeemWinningTicketAsync(q.Winning.Ticket, q.Winning.Signature, q.Winning.RecipientRand, ct);
                queue.Record(q.Id, RedemptionStatus.Redeemed, null);
                redeemed++;
                Redeemed++;
                Metrics?.TicketsRedeemed.Inc();
                Metrics?.FeesRedeemedWei.Inc((double)(System.Numerics.BigInteger)q.Winning.Ticket.FaceValue);
                _logger.Redeemed(q.Id, q.Winning.Ticket.Sender, q.Winning.Ticket.FaceValue);
            }
            catch (ChainTransactionException e) when (e.Error == ProtocolError.TicketUsed)
            {
                // Already redeemed on chain: an earlier attempt was mined but its receipt was lost (the chain's node
                // restarted while it waited), or someone else redeemed it. The face value went to the recipient either
                // way, so the ticket is redeemed, not failed, and it is not sent again.
                queue.Record(q.Id, RedemptionStatus.Redeemed, "already redeemed on chain");
                redeemed++;
                Redeemed++;
                Metrics?.TicketsRedeemed.Inc();
                Metrics?.FeesRedeemedWei.Inc((double)(System.Numerics.BigInteger)q.Winning.Ticket.FaceValue);
                _logger.AlreadyRedeemed(q.Id, q.Winning.Ticket.Sender);
            }
            catch (ChainTransactionException e) when (!Transient.Contains(e.Reason))
            {
                queue.Record(q.Id, RedemptionStatus.Failed, $"{e.Reason}: {e.Message}");
                Metrics?.RedemptionFailures.WithLabels(e.Reason).Inc();
                _logger.RefusedForGood(q.Id, e.Reason, e.Message);
            }
            catch (Exception e) when (e is ChainTransactionException or ChainUnavailableException)
            {
                queue.Record(q.Id, RedemptionStatus.Pending, e.Message);
                _logger.WillRetry(q.Id, e.Message);
                break; // the ledger is not ready; try again on the next pass
            }
        }
        return redeemed;
    }

    /// <summary>Redeems every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do { await RedeemPendingAsync(ct); }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
