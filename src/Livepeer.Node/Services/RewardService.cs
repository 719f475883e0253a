using Livepeer.Chain.Client;
using Livepeer.Protocol.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Services;

/// <summary>
/// Keeps an orchestrator's rounds: initializes a round nobody initialized yet (RoundsManager.initializeRound) and calls
/// reward() once in every round in which the orchestrator is active. Safe to run on every node; a lost race is harmless.
/// </summary>
public sealed class RewardService(ILivepeerChain chain, TimeProvider time, ILogger<RewardService>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<RewardService>.Instance;

    /// <summary>The last round this service called reward in.</summary>
    public long LastRewardRound { get; private set; }

    /// <summary>One check: initialize the round if needed, then reward if active and not yet rewarded this round.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        var account = chain.Account ?? throw new InvalidOperationException("The reward service needs a signing account.");
        var round = await chain.GetRoundInfoAsync(ct);
        if (!round.Initialized)
        {
            try
            {
                await chain.InitializeRoundAsync(ct);
                _logger.RoundInitialized(round.CurrentRound);
            }
            catch (ChainTransactionException e) when (e.Error == ProtocolError.RoundAlreadyInitialized)
            {
            }
            catch (ChainTransactionException e)
            {
                // Another node may initialize it (an account that holds nothing cannot send at all): not fatal.
                _logger.InitializeRefused(round.CurrentRound, e.Reason, e.Message);
                return;
            }
        }
        var transcoder = await chain.GetTranscoderAsync(account, ct);
        if (!transcoder.Active || transcoder.LastRewardRound >= round.CurrentRound) return;
        try
        {
            var receipt = await chain.RewardAsync(ct);
            LastRewardRound = round.CurrentRound;
            _logger.Rewarded(round.CurrentRound, receipt.BlockNumber);
        }
        catch (ChainTransactionException e)
        {
            _logger.RewardRefused(round.CurrentRound, e.Reason, e.Message);
        }
    }

    /// <summary>Ticks every <paramref name="interval"/> until cancelled; a ledger outage is logged and retried.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try { await TickAsync(ct); }
                catch (ChainUnavailableException e) { _logger.LedgerUnavailable(e.Message); }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
