using System.Collections.Immutable;
using Livepeer.Core;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Rounds;
using Livepeer.Protocol.State;
using Livepeer.Protocol.Token;

namespace Livepeer.Protocol.Governance;

/// <summary>
/// LivepeerGovernor in rounds: proposals with a stake threshold, a voting delay and period, quorum of the active
/// stake and a for-quota; votes weighted by stake at the start of the vote (checkpoints), a delegator's own vote taken
/// out of its orchestrator's.
/// A proposal with no for-votes (abstain only, or 0 for and 0 against) never passes.
/// </summary>
public static class GovernanceModule
{
    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 10_000;

    /// <summary>
    /// Voting power now (for the proposal threshold): an orchestrator its whole delegated stake, a delegator its own stake.
    /// Votes themselves use <see cref="VotingPowerHistory"/> at the proposal's snapshot.
    /// </summary>
    public static UInt256 VotingPower(ProtocolState s, Address voter, long round)
    {
        if (BondingManager.IsRegisteredTranscoder(s, voter)) return s.DelegatorOf(voter).DelegatedAmount;
        var d = s.DelegatorOf(voter);
        return d.DelegateAddress.IsZero ? UInt256.Zero : BondingManager.PendingStakeAndFees(s, voter, round).Stake;
    }

    /// <summary>Where a proposal stands in <paramref name="round"/>.</summary>
    public static ProposalStatus StatusOf(ProtocolState s, Proposal p, long round)
    {
        if (p.Executed) return ProposalStatus.Executed;
        if (round < p.VoteStart) return ProposalStatus.Pending;
        if (round < p.VoteEnd) return ProposalStatus.Active;
        return Passes(s.Parameters.Value, p) ? ProposalStatus.Succeeded : ProposalStatus.Defeated;
    }

    /// <summary>Quorum (for + against + abstain) and quota (for of for + against), with at least one for-vote.</summary>
    public static bool Passes(ProtocolParameters parameters, Proposal p)
    {
        var total = p.For + p.Against + p.Abstain;
        if (p.For.IsZero) return false;
        if (total < Ppm.Of(p.TotalActiveStake, parameters.Quorum)) return false;
        return p.For * (UInt256)Ppm.One >= (p.For + p.Against) * (UInt256)parameters.Quota;
    }

    /// <summary>propose(actions, description).</summary>
    public static long Propose(CallContext ctx, ImmutableArray<ProposalAction> actions, string description)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var p = ctx.Parameters;
        var power = VotingPower(s, ctx.Caller, ctx.CurrentRound);
        CallContext.Require(power >= p.ProposalThreshold, ProtocolError.ProposalThresholdNotMet,
            $"proposing needs {p.ProposalThreshold} LPT wei of stake; {ctx.Caller} has {power}");
        CallContext.Require(!actions.IsDefaultOrEmpty, ProtocolError.InvalidProposal, "a proposal needs at least one action");
        CallContext.Require(description is not null && description.Length <= MaxDescriptionLength, ProtocolError.InvalidProposal,
            $"a description is at most {MaxDescriptionLength} characters");
        foreach (var a in actions) Validate(p, a);
        var g = s.Governance.Value;
        var id = g.NextProposalId;
        s.Governance.Value = g with { NextProposalId = id + 1 };
        var start = ctx.CurrentRound + p.VotingDelay;
        var proposal = new Proposal
        {
            Id = id, Proposer = ctx.Caller, Description = description!, Actions = actions, VoteStart = start, VoteEnd = start + p.VotingPeriod,
            TotalActiveStake = s.Totals.Value.CurrentRoundTotalActiveStake,
        };
        s.Proposals.Set(id, proposal);
        ctx.Emit(new ProposalCreated(id, ctx.Caller, proposal.VoteStart, proposal.VoteEnd, proposal.Description));
        return id;
    }

    private static void Validate(ProtocolParameters p, ProposalAction action)
    {
        switch (action)
        {
            case ParameterChange c:
                CallContext.Require(Enum.IsDefined(c.Name), ProtocolError.InvalidProposal, $"unknown parameter {(int)c.Name}");
                var problems = ParameterValidator.Problems(p.With(c.Name, c.Value));
                CallContext.Require(problems.Count == 0, ProtocolError.InvalidParameterValue, string.Join(" ", problems));
                // SortedDoublyLL.setMaxSize: the transcoder pool's maximum size can only grow.
                CallContext.Require(c.Name != ParameterName.NumActiveTranscoders || c.Value > (UInt256)(ulong)p.NumActiveTranscoders,
                    ProtocolError.InvalidParameterValue, $"numActiveTranscoders can only grow (now {p.NumActiveTranscoders}, proposed {c.Value})");
                break;
            case VerifierSetChange v:
                CallContext.Require(!v.Verifiers.IsDefault && v.Verifiers.All(a => !a.IsZero) && v.Verifiers.Distinct().Count() == v.Verifiers.Length,
                    ProtocolError.InvalidProposal, "verifiers must be distinct non-zero addresses");
                CallContext.Require(v.Verifiers.Length == 0 ? v.Threshold == 0 : v.Threshold >= 1 && v.Threshold <= v.Verifiers.Length,
                    ProtocolError.InvalidProposal, $"the threshold must be between 1 and the number of verifiers ({v.Verifiers.Length}), got {v.Threshold}");
                break;
            case TreasurySpend t:
                CallContext.Require(!t.Recipient.IsZero, ProtocolError.InvalidProposal, "a treasury spend needs a recipient");
                CallContext.Require(!t.Amount.IsZero, ProtocolError.InvalidProposal, "a treasury spend needs an amount");
                break;
            default:
                throw CallContext.Fail(ProtocolError.InvalidProposal, "unknown proposal action");
        }
    }

    /// <summary>castVote(proposalId, support).</summary>
    public static void Vote(CallContext ctx, long proposalId, VoteSupport support)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var round = ctx.CurrentRound;
        var p = s.Proposals.Get(proposalId) ?? throw CallContext.Fail(ProtocolError.UnknownProposal, $"no proposal {proposalId}");
        CallContext.Require(Enum.IsDefined(support), ProtocolError.InvalidProposal, $"support is 0 (against), 1 (for) or 2 (abstain), got {(int)support}");
        CallContext.Require(StatusOf(s, p, round) == ProposalStatus.Active, ProtocolError.ProposalNotActive,
            $"proposal {proposalId} votes in rounds {p.VoteStart}..{p.VoteEnd - 1}; the current round is {round}");
        var voter = ctx.Caller;
        CallContext.Require(!s.Votes.Contains((proposalId, voter)), ProtocolError.AlreadyVoted, $"{voter} already voted on proposal {proposalId}");
        // Weights come from the snapshot at the start of the vote: stake moved afterwards cannot vote again.
        var snapshot = p.VoteStart;
        var isTranscoder = VotingPowerHistory.WasTranscoder(s, voter, snapshot);
        var power = VotingPowerHistory.PowerAt(s, voter, snapshot);
        var weight = isTranscoder ? UInt256.SaturatingSub(power, s.VoteDeductions.Get((proposalId, voter))) : power;
        CallContext.Require(!weight.IsZero, ProtocolError.NoVotingPower, $"{voter} had no stake at the start of round {snapshot}, the proposal's snapshot");
        p = Add(p, support, weight);
        var delegateAddr = VotingPowerHistory.At(s, voter, snapshot)!.DelegateAddress;
        if (!isTranscoder && VotingPowerHistory.WasTranscoder(s, delegateAddr, snapshot))
        {
            s.VoteDeductions.Set((proposalId, delegateAddr), s.VoteDeductions.Get((proposalId, delegateAddr)) + weight);
            if (s.Votes.Get((proposalId, delegateAddr)) is { } dv)
            {
                var taken = UInt256.Min(weight, dv.Weight);
                p = Subtract(p, dv.Support, taken);
                s.Votes.Set((proposalId, delegateAddr), dv with { Weight = dv.Weight - taken });
            }
        }
        s.Proposals.Set(proposalId, p);
        s.Votes.Set((proposalId, voter), new VoteRecord(support, weight));
        ctx.Emit(new VoteCast(proposalId, voter, (int)support, weight));
    }

    private static Proposal Add(Proposal p, VoteSupport support, UInt256 w) => support switch
    {
        VoteSupport.For => p with { For = p.For + w },
        VoteSupport.Against => p with { Against = p.Against + w },
        _ => p with { Abstain = p.Abstain + w },
    };

    private static Proposal Subtract(Proposal p, VoteSupport support, UInt256 w) => support switch
    {
        VoteSupport.For => p with { For = p.For - w },
        VoteSupport.Against => p with { Against = p.Against - w },
        _ => p with { Abstain = p.Abstain - w },
    };

    /// <summary>execute(proposalId): runs the actions of a proposal that passed.</summary>
    public static void Execute(CallContext ctx, long proposalId)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var p = s.Proposals.Get(proposalId) ?? throw CallContext.Fail(ProtocolError.UnknownProposal, $"no proposal {proposalId}");
        var status = StatusOf(s, p, ctx.CurrentRound);
        CallContext.Require(status != ProposalStatus.Executed, ProtocolError.ProposalAlreadyExecuted, $"proposal {proposalId} was already executed");
        CallContext.Require(status == ProposalStatus.Succeeded, ProtocolError.ProposalNotSucceeded, $"proposal {proposalId} is {status}, not Succeeded");
        foreach (var action in p.Actions) Run(ctx, action);
        s.Proposals.Set(proposalId, p with { Executed = true });
        ctx.Emit(new ProposalExecuted(proposalId));
    }

    private static void Run(CallContext ctx, ProposalAction action)
    {
        var s = ctx.State;
        switch (action)
        {
            case ParameterChange c:
                Validate(ctx.Parameters, c);
                if (c.Name == ParameterName.RoundLength) RoundsManager.OnRoundLengthChange(ctx);
                s.Parameters.Value = ctx.Parameters.With(c.Name, c.Value);
                ctx.Emit(new ParameterUpdated(c.Name.ToString(), c.Value));
                break;
            case VerifierSetChange v:
                s.Governance.Value = s.Governance.Value with { Verifiers = v.Verifiers.Sort(), VerifierThreshold = v.Threshold };
                ctx.Emit(new VerifierSetUpdated(v.Verifiers.Length, v.Threshold));
                break;
            case TreasurySpend t:
                var balance = s.LptBalanceOf(ProtocolAccounts.Treasury);
                CallContext.Require(balance >= t.Amount, ProtocolError.InsufficientTreasury, $"the treasury holds {balance} LPT wei, the spend is {t.Amount}");
                LivepeerToken.Transfer(ctx, ProtocolAccounts.Treasury, t.Recipient, t.Amount);
                ctx.Emit(new TreasurySpent(t.Recipient, t.Amount));
                break;
        }
    }
}
