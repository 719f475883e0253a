using System.Collections.Immutable;

namespace Livepeer.Protocol.Governance;

/// <summary>
/// LivepeerGovernor in rounds, counted as GovernorCountingOverridable over BondingVotes: a proposal made in round r has
/// its snapshot at r + votingDelay, is Pending through the snapshot round and Active in the votingPeriod rounds after it;
/// votes weigh getPastVotes(voter, snapshot) (the bonding state at the start of snapshot + 1); a delegator's vote is
/// taken out of its orchestrator's; quorum is a share of the total active stake of round snapshot + 1, quota a share of
/// for + against. Project rule: a proposal with no for-votes (abstain only, or 0 for and 0 against) never passes.
/// </summary>
public static class GovernanceModule
{
    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 10_000;

    /// <summary>The proposal's snapshot round (proposal round + votingDelay); weights are read at the start of the round after it.</summary>
    public static long SnapshotOf(Proposal p) => p.VoteStart - 1;

    /// <summary>Where a proposal stands in <paramref name="round"/>: Pending through the snapshot, Active until the deadline.</summary>
    public static ProposalStatus StatusOf(ProtocolState s, Proposal p, long round)
    {
        if (p.Executed) return ProposalStatus.Executed;
        if (round < p.VoteStart) return ProposalStatus.Pending;
        if (round < p.VoteEnd) return ProposalStatus.Active;
        return Passes(s.Parameters.Value, p) ? ProposalStatus.Succeeded : ProposalStatus.Defeated;
    }

    /// <summary>
    /// Quorum: for + against + abstain >= percOf(quorum base, quorum) (ppm, floor); quota: for >= percOf(for + against,
    /// quota) (ppm, floor); and at least one for-vote (project rule).
    /// </summary>
    public static bool Passes(ProtocolParameters parameters, Proposal p)
    {
        if (p.For.IsZero) return false;
        if (p.For + p.Against + p.Abstain < Ppm.Of(p.TotalActiveStake, parameters.Quorum)) return false;
        return p.For >= Ppm.Of(p.For + p.Against, parameters.Quota);
    }

    /// <summary>propose(actions, description).</summary>
    public static long Propose(CallContext ctx, ImmutableArray<ProposalAction> actions, string description)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var p = ctx.Parameters;
        // Governor.propose: getVotes(proposer, clock() - 1), i.e. the bonding state at the start of the current round.
        var (power, _) = VotingPowerHistory.StateAt(s, ctx.Caller, ctx.CurrentRound);
        CallContext.Require(power >= p.ProposalThreshold, ProtocolError.ProposalThresholdNotMet,
            $"proposing needs {p.ProposalThreshold} LPT wei of stake; {ctx.Caller} has {power}");
        CallContext.Require(!actions.IsDefaultOrEmpty, ProtocolError.InvalidProposal, "a proposal needs at least one action");
        CallContext.Require(description is not null && description.Length <= MaxDescriptionLength, ProtocolError.InvalidProposal,
            $"a description is at most {MaxDescriptionLength} characters");
        foreach (var a in actions) Validate(p, a);
        // OZ Governor: a proposal's id is the hash of its actions and description, so an identical one cannot be made twice.
        CallContext.Require(!s.Proposals.Unordered().Any(x => x.Value.Description == description && x.Value.Actions.SequenceEqual(actions)),
            ProtocolError.InvalidProposal, "an identical proposal (same actions and description) already exists; change the description");
        var g = s.Governance.Value;
        var id = g.NextProposalId;
        s.Governance.Value = g with { NextProposalId = id + 1 };
        var snapshot = ctx.CurrentRound + p.VotingDelay;
        var proposal = new Proposal
        {
            Id = id, Proposer = ctx.Caller, Description = description!, Actions = actions, VoteStart = snapshot + 1, VoteEnd = snapshot + 1 + p.VotingPeriod,
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
        // getPastVotes(voter, snapshot): the bonding state at the start of snapshot + 1, so stake moved later cannot vote twice.
        var (power, delegateAddr) = VotingPowerHistory.StateAt(s, voter, p.VoteStart);
        var isTranscoder = delegateAddr == voter;
        var weight = isTranscoder ? UInt256.SaturatingSub(power, s.VoteDeductions.Get((proposalId, voter))) : power;
        CallContext.Require(!weight.IsZero, ProtocolError.NoVotingPower,
            $"{voter} had no voting power at the end of round {SnapshotOf(p)}, the proposal's snapshot (a delegator of an unregistered orchestrator has none)");
        // The quorum base is getPastTotalSupply(snapshot): final once round snapshot + 1 has started, so set at each vote.
        p = Add(p, support, weight) with { TotalActiveStake = VotingPowerHistory.TotalActiveStakeAt(s, p.VoteStart, round) };
        if (!isTranscoder)
        {
            // A delegator's vote overrides its orchestrator's for its own weight.
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
