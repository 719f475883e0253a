using System.Text.Json.Nodes;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Node.Chains;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Payments;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Devnet;

// The devnet's additions to the broadcaster's status page: orchestrators, delegators, slashes and the round history.
public sealed partial class DevnetNetwork
{
    private async Task ExtendStatusAsync(JsonObject status, CancellationToken ct)
    {
        var chain = _reader!;
        var pool = await chain.GetTranscoderPoolAsync(ct);
        var stats = _broadcaster!.Network!.Stats;
        var orchestrators = new JsonArray();
        foreach (var node in _orchestrators)
        {
            var address = node.Core.Address;
            var t = await chain.GetTranscoderAsync(address, ct);
            var seen = stats.GetValueOrDefault(address);
            var counts = node.Queue.Counts();
            orchestrators.Add(new JsonObject
            {
                ["address"] = address.ToString(), ["serviceUri"] = t.ServiceUri, ["active"] = t.Active, ["suspended"] = false,
                ["stake"] = t.TotalStake.ToString(), ["rewardCutPpm"] = t.RewardCut, ["feeSharePpm"] = t.FeeShare,
                ["pricePerPixel"] = DevnetPlan.Orchestrators[_orchestrators.IndexOf(node)].Price.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["segments"] = node.Core.Segments, ["successRate"] = seen is null || seen.Segments + seen.Failures == 0 ? null : (double)seen.Segments / (seen.Segments + seen.Failures),
                ["latencyMs"] = seen?.LastRoundTrip.TotalMilliseconds, ["lastRewardRound"] = t.LastRewardRound,
                ["ticketsWon"] = counts.Values.Sum(), ["ticketsRedeemed"] = counts[RedemptionStatus.Redeemed],
                ["feesEarned"] = node.Queue.All().Where(q => q.Status == RedemptionStatus.Redeemed).Aggregate(UInt256.Zero, (sum, q) => sum + q.Winning.Ticket.FaceValue).ToString(),
                ["inPool"] = pool.Any(e => e.Transcoder == address),
                ["transcoders"] = Transcoders(node),
            });
        }
        status["orchestrators"] = orchestrators;
        var delegators = new JsonArray();
        foreach (var (name, _, _) in DevnetPlan.Bonds)
        {
            var d = await chain.GetDelegatorAsync(_accounts[name].Address, ct);
            delegators.Add(new JsonObject
            {
                ["address"] = d.Address.ToString(), ["status"] = d.Status.ToString(), ["delegate"] = d.DelegateAddress.ToString(),
                ["bonded"] = d.BondedAmount.ToString(), ["pendingStake"] = d.PendingStake.ToString(), ["pendingFees"] = d.PendingFees.ToString(),
            });
        }
        status["delegators"] = delegators;
        var won = _orchestrators.Sum(o => o.Queue.Counts().Values.Sum());
        var redeemed = _orchestrators.Sum(o => o.Queue.Counts()[RedemptionStatus.Redeemed]);
        var sender = await chain.GetSenderInfoAsync(_accounts["broadcaster"].Address, ct);
        status["tickets"] = new JsonObject
        {
            ["sent"] = _broadcaster.Network!.TicketsSent, ["won"] = won, ["redeemed"] = redeemed,
            ["feesPaid"] = (ProtocolParameters.Lpt(10) - UInt256.Min(sender.Deposit, ProtocolParameters.Lpt(10))).ToString(),
        };
        status["proposals"] = new JsonArray((await chain.GetProposalsAsync(ct)).Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Proposal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["description"] = p.Proposal.Description, ["state"] = p.Status.ToString(),
            ["for"] = p.Proposal.For.ToString(), ["against"] = p.Proposal.Against.ToString(), ["abstain"] = p.Proposal.Abstain.ToString(),
        }).ToArray());
        status["slashes"] = await SlashesAsync(chain, ct);
        lock (_history) status["history"] = new JsonArray(_history.Select(h => (JsonNode)h.Sample.DeepClone()).ToArray());
    }

    /// <summary>
    /// The chain's slashes, oldest first: the ledger's Slashed events, or the contracts' TranscoderSlashed events with the
    /// reason the Verifier's event in the same transaction gives. Blocks are scanned once: each status call reads only the
    /// blocks sealed since the last one.
    /// </summary>
    private async Task<JsonArray> SlashesAsync(ILivepeerChain chain, CancellationToken ct)
    {
        await _slashScan.WaitAsync(ct);
        try
        {
            var head = await ChainLogs.HeadAsync(chain, ct);
            var round = await chain.GetRoundInfoAsync(ct);
            while (_slashScannedBlock < head)
            {
                var from = _slashScannedBlock + 1;
                var to = Math.Min(head, from + ChainLogs.MaxRange - 1);
                var logs = await ChainLogs.GetAsync(chain, from, to, ["Slashed", "TranscoderSlashed", "EquivocationSlashed", "FailedVerificationSlashed"], ct);
                foreach (var log in logs.Where(l => l.Event.Name is "Slashed" or "TranscoderSlashed"))
                {
                    var args = log.Event.Args;
                    var reason = args.TryGetProperty("reason", out var r) ? r.GetString()
                        : logs.FirstOrDefault(l => l.TransactionHash == log.TransactionHash && l.Event.Name != log.Event.Name)?.Event.Name switch
                        {
                            "EquivocationSlashed" => "equivocation",
                            "FailedVerificationSlashed" => "failed verification",
                            _ => "unknown",
                        };
                    // The ledger numbers logs by protocol block; on anvil the two are the same.
                    _slashes.Add(new JsonObject
                    {
                        ["round"] = RoundOf(log.BlockNumber, round), ["block"] = log.BlockNumber,
                        ["orchestrator"] = args.GetProperty("transcoder").GetString(), ["finder"] = args.GetProperty("finder").GetString(),
                        ["reason"] = reason, ["penalty"] = Amount(args.GetProperty("penalty")),
                        ["finderFee"] = Amount(args.GetProperty("finderReward")), ["transactionHash"] = log.TransactionHash.ToString(),
                    });
                }
                _slashScannedBlock = to;
            }
            return new JsonArray(_slashes.Select(s => (JsonNode)s.DeepClone()).ToArray());
        }
        finally
        {
            _slashScan.Release();
        }

        static string Amount(System.Text.Json.JsonElement e) => e.ValueKind == System.Text.Json.JsonValueKind.Number ? e.GetRawText() : e.GetString() ?? "0";
    }

    /// <summary>The round a past block belongs to, counted back from the current round (rounds have the current length).</summary>
    private static long RoundOf(long block, Livepeer.Protocol.Views.RoundInfoView round) =>
        block >= round.CurrentRoundStartBlock ? round.CurrentRound
            : round.CurrentRound - (round.CurrentRoundStartBlock - block + round.RoundLength - 1) / round.RoundLength;

    /// <summary>Who transcodes for an orchestrator: its local ffmpeg and/or the remote transcoders registered with it.</summary>
    private static JsonObject Transcoders(OrchestratorNode node) => new()
    {
        ["local"] = node.Transcoders is not { } pool || pool.HasLocal,
        ["remote"] = new JsonArray((node.Transcoders?.Snapshot() ?? []).Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id, ["peer"] = t.Peer, ["capacity"] = t.Capacity, ["load"] = t.Load,
        }).ToArray()),
    };


    private async Task SampleHistoryAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    var round = await _reader!.GetRoundInfoAsync(ct);
                    if (_history.Count == 0 || _history[^1].Round != round.CurrentRound)
                    {
                        var minter = await _reader.GetMinterInfoAsync(ct);
                        lock (_history)
                        {
                            _history.Add((round.CurrentRound, new JsonObject
                            {
                                ["round"] = round.CurrentRound, ["inflationPpb"] = minter.Inflation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                ["bondingRatePpb"] = minter.BondingRate.ToString(System.Globalization.CultureInfo.InvariantCulture), ["totalSupply"] = minter.TotalSupply.ToString(),
                            }));
                            if (_history.Count > 500) _history.RemoveAt(0);
                        }
                    }
                }
                catch (ChainUnavailableException) { }
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
        catch (OperationCanceledException) { }
    }
}
